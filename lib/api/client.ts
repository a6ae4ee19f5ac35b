import { type AnswerSchema, checkAnswer, readRefusal } from "@/lib/api/answers";
import { endDeviceSession } from "@/lib/offline/device-data";

/**
 * The browser's one way to read the JSON API: every answer becomes an `ApiResult`, its body
 * checked against the schema of what that route answers (lib/api/answers.ts), never cast.
 * Network failures are results too, never exceptions.
 */
export type ApiFailure = {
  readonly ok: false;
  /** 0: no answer (offline, aborted). */
  readonly status: number;
  /** Fit to show: the server's message, or a general one. */
  readonly message: string;
  /** The server's own message, when it sent one. */
  readonly serverMessage?: string;
  readonly code?: string;
  /** The record as it is now, sent with a 409 (checked by whoever reads it). */
  readonly current?: unknown;
  /** From `Retry-After` (429, 503). */
  readonly retryAfterSeconds?: number;
};

export type ApiResult<T> =
  | {
      readonly ok: true;
      readonly status: number;
      readonly data: T;
      /** Kept in this device's outbox, to be sent when online; `data` is the optimistic result. */
      readonly queued?: boolean;
    }
  | ApiFailure;

export const offlineMessage = "You seem to be offline; nothing was changed.";

/** The answer's JSON, or undefined when it has none (a 204, an HTML error page). */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An answer as a result: a success's body must match `schema` (a 204 has none to check). */
export async function readAnswer<T>(
  response: Response,
  schema: AnswerSchema<T> | null,
): Promise<ApiResult<T>> {
  const body = await readJson(response);
  const { status } = response;
  if (response.ok) {
    if (schema === null || status === 204) return { ok: true, status, data: undefined as T };
    const checked = await checkAnswer(schema, body);
    if (checked) return { ok: true, status, data: checked.data };
    return {
      ok: false,
      status,
      message: "The server's answer could not be read; reload the page.",
    };
  }
  const error = await readRefusal(body);
  const retryAfter = Number(response.headers.get("retry-after"));
  return {
    ok: false,
    status,
    message: error.error?.message ?? `The server refused (HTTP ${status}).`,
    serverMessage: error.error?.message,
    code: error.error?.code,
    current: error.current,
    retryAfterSeconds: retryAfter > 0 ? retryAfter : undefined,
  };
}

export interface ApiRequest {
  readonly method?: "GET" | "POST" | "PATCH" | "DELETE";
  readonly body?: Record<string, unknown>;
  /** Sent as Idempotency-Key: the server applies the change once however often it is sent. */
  readonly idempotencyKey?: string;
  /** Lets the request finish after the page is gone. */
  readonly keepalive?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * The request as sent; rejects only when no answer came (network, abort). Every request of the
 * browser's goes through here, so a 401 from any of them ends the device's session.
 */
export function sendRequest(url: string, request: ApiRequest = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (request.body !== undefined) headers["content-type"] = "application/json";
  if (request.idempotencyKey) headers["idempotency-key"] = request.idempotencyKey;
  return fetch(url, {
    method: request.method ?? "GET",
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    keepalive: request.keepalive,
    signal: request.signal,
  }).then((response) => {
    // The session is gone (signed out here or elsewhere, everywhere, or the account deleted):
    // whatever the device kept of the person goes, and so does the page (issue 13 §5).
    if (response.status === 401) void endDeviceSession();
    return response;
  });
}

/** Calls the API and reads the answer against `schema` (null: the body does not matter). */
export async function callApi<T>(
  url: string,
  schema: AnswerSchema<T> | null,
  request: ApiRequest = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await sendRequest(url, request);
  } catch {
    return { ok: false, status: 0, message: offlineMessage };
  }
  const answer = await readAnswer(response, schema);
  const method = request.method ?? "GET";
  if (answer.ok && method !== "GET") {
    // What the server kept goes into the device's replica before the caller shows it; loaded
    // on demand, so pages that only read stay light.
    const { settleWrite } = await import("@/lib/offline/local-writes");
    await settleWrite({ method, url, body: request.body }, { ok: true, body: answer.data });
  }
  return answer;
}
