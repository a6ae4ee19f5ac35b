import "server-only";
import { createHash } from "node:crypto";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from "@/lib/db/idempotency-repository";
import { getDatabase } from "@/lib/db/runtime";
import { AppError, isUnavailableError } from "@/lib/errors";
import { publishPoke } from "@/lib/realtime/publish";
import type { ActionState, FieldErrors, FormAction } from "@/lib/server/action-state";
import { type Backends, backends } from "@/lib/server/backends";
import { assertWithinRateLimit } from "@/lib/server/rate-limits";
import { readCappedBody } from "@/lib/server/request-body";

/**
 * The one gate for every server action and route handler: resolves the session, parses input
 * with zod, and maps errors (AppError to its status, storage outages to 503, anything else to a
 * 500 without a stack). Server actions and route handlers are public endpoints; nothing skips this.
 */

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "_form";
    errors[field] = [...(errors[field] ?? []), issue.message];
  }
  return errors;
}

/** Every failure as an AppError; Next's redirect and not-found signals pass through. */
export function toAppError(error: unknown): AppError {
  unstable_rethrow(error);
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    return new AppError("invalid", "Some fields need attention.", {
      fieldErrors: fieldErrorsOf(error),
    });
  }
  // DynamoDB refusing a request's shape (a key outside the query's range, an oversized value)
  // is bad input that slipped past validation: the caller's mistake, not an outage.
  if (error instanceof Error && error.name === "ValidationException") {
    return new AppError("invalid", "This request cannot be answered; check its parameters.");
  }
  if (isUnavailableError(error)) {
    return new AppError(
      "unavailable",
      "Jotboard's storage is not reachable right now; nothing was changed. Try again in a moment.",
    );
  }
  console.error(error);
  return new AppError("internal", "Something went wrong on our side; nothing was changed.");
}

/** Form fields as an object: repeated names become arrays, Next's internal fields are dropped. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[key] = [existing, value];
  }
  return result;
}

function echoValues(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === "string" && !/password/i.test(entry[0]),
    ),
  );
}

// biome-ignore lint/suspicious/noConfusingVoidType: handlers that only redirect return nothing
type ActionResult = ActionState | undefined | void;

function buildAction<S extends z.ZodType>(
  schema: S,
  resolveUser: () => Promise<SessionUser | null>,
  handler: (
    input: z.output<S>,
    user: SessionUser | null,
    backends: Backends,
  ) => Promise<ActionResult>,
): FormAction {
  return async (_state, formData) => {
    let raw: Record<string, unknown> = {};
    try {
      // The session first: a signed-out caller learns nothing, not even about its input.
      const user = await resolveUser();
      if (user) await assertWithinRateLimit(getDatabase(), "writes", user.userId);
      raw = formDataToObject(formData);
      const input = schema.parse(raw);
      const run = async () => (await handler(input, user, backends())) ?? { ok: true };
      return user ? await pokingAfterCommit(user.userId, run, (state) => state.ok) : await run();
    } catch (error) {
      const appError = toAppError(error);
      return {
        ok: false,
        message: appError.message,
        fieldErrors: appError.fieldErrors,
        values: echoValues(raw),
      };
    }
  };
}

async function requireSessionForAction(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}

/**
 * A server action for signed-in people; signed-out callers are sent to sign in, untouched. The
 * handler gets the user and the backends (`db`, `storage`) to pass to a service.
 */
export function withUser<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, context: Backends & { user: SessionUser }) => Promise<ActionResult>,
): FormAction {
  return buildAction(schema, requireSessionForAction, (input, user, backends) =>
    handler(input, { ...backends, user: user as SessionUser }),
  );
}

/** A server action anyone may call (sign up, sign in): same parsing and error mapping. */
export function withVisitor<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, context: Backends) => Promise<ActionResult>,
): FormAction {
  return buildAction(
    schema,
    async () => null,
    (input, _user, backends) => handler(input, backends),
  );
}

export function errorResponse(error: AppError): Response {
  return Response.json(
    {
      error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors },
      ...error.details,
    },
    {
      status: error.status,
      headers: {
        "cache-control": "no-store",
        ...(error.retryAfterSeconds !== undefined && {
          "retry-after": String(error.retryAfterSeconds),
        }),
      },
    },
  );
}

interface RouteSchemas<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  readonly body?: B;
  /** Required: every route says which query parameters it takes (`noQuerySchema` for none). */
  readonly query: Q;
  readonly params?: P;
}

interface RouteContext<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>
  extends Backends {
  readonly user: SessionUser;
  readonly body: z.output<B>;
  readonly query: z.output<Q>;
  readonly params: z.output<P>;
  readonly request: Request;
}

const maxJsonBytes = 512 * 1024;
const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuses an unsafe request a browser sent from another origin (cross-site request forgery: a
 * page on another port of this host, or on a sibling subdomain, shares the session cookie).
 * Browsers send `Sec-Fetch-Site` on every request, which must say `same-origin`; older ones
 * send `Origin`, whose host must be the one this request was addressed to (as Next checks for
 * server actions: `X-Forwarded-Host`, set by the CDN or Next itself, else `Host`). A request
 * with neither header comes from no browser (curl, scripts), so no cookie was borrowed.
 */
function assertSameOrigin(request: Request): void {
  if (!unsafeMethods.has(request.method)) return;
  const refused = () =>
    new AppError("forbidden", "This request came from another site and was refused.");
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site !== "same-origin") throw refused();
    return;
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw refused();
  }
  if (!host || originHost !== host.split(",")[0]?.trim()) throw refused();
}

interface ReadBody {
  readonly value: unknown;
  /** SHA-256 of the bytes as sent, for the idempotency fingerprint. */
  readonly digest: string;
}

/** The JSON body of an unsafe request, read through the byte cap; an empty body reads as {}. */
async function readJsonBody(request: Request): Promise<ReadBody> {
  const bytes = await readCappedBody(request, maxJsonBytes);
  const digest = createHash("sha256").update(bytes).digest("base64url");
  if (bytes.byteLength === 0) return { value: {}, digest };
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new AppError("unsupported_media", "Send the request body as application/json.");
  }
  try {
    return { value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)), digest };
  } catch {
    throw new AppError("invalid", "The request body is not valid JSON.");
  }
}

/** Every authenticated answer is one person's: no shared cache or browser cache may keep it. */
function privateResponse(response: Response): Response {
  response.headers.set("cache-control", "private, no-store");
  return response;
}

/**
 * A JSON route handler for signed-in people: 403 for cross-site unsafe requests, 401 without a
 * session, 415 for a body that is not JSON, 413 past the byte cap, 429 past the write limit, 400
 * with field errors for bad input, the mapped status for domain errors. The handler returns a
 * Response, or a value sent as JSON with status 200. Every answer is `private, no-store`.
 */
export function withUserRoute<
  B extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  P extends z.ZodType = z.ZodUnknown,
>(
  schemas: RouteSchemas<B, Q, P>,
  handler: (context: RouteContext<B, Q, P>) => Promise<Response | object>,
) {
  return async (
    request: Request,
    routeContext: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    try {
      assertSameOrigin(request);
      const user = await currentUser();
      if (!user) throw new AppError("unauthorized", "Sign in to continue.");
      const unsafe = unsafeMethods.has(request.method);
      if (unsafe) await assertWithinRateLimit(getDatabase(), "writes", user.userId);
      const url = new URL(request.url);
      const params = (schemas.params ?? z.unknown()).parse(
        await routeContext.params,
      ) as z.output<P>;
      const query = schemas.query.parse(Object.fromEntries(url.searchParams)) as z.output<Q>;
      const read = unsafe ? await readJsonBody(request) : undefined;
      const body = (
        schemas.body ? schemas.body.parse(read?.value ?? {}) : undefined
      ) as z.output<B>;
      const respond = async () => {
        try {
          const result = await handler({ ...backends(), user, body, query, params, request });
          return result instanceof Response ? result : Response.json(result);
        } catch (error) {
          return errorResponse(toAppError(error));
        }
      };
      const run = unsafe
        ? () => pokingAfterCommit(user.userId, respond, (response) => response.ok)
        : respond;
      const idempotencyKey = request.headers.get("idempotency-key");
      if (!idempotencyKey || !read) return privateResponse(await run());
      const fingerprint = `${request.method} ${url.pathname}${url.search} ${read.digest}`;
      return privateResponse(await runOnce(user.userId, idempotencyKey, fingerprint, run, params));
    } catch (error) {
      return privateResponse(errorResponse(toAppError(error)));
    }
  };
}

/**
 * Runs a signed-in person's mutation and, once it has committed (succeeded, or redirected after
 * succeeding), pokes their other devices to pull (lib/realtime). The one place pokes are sent
 * for actions and routes; a failed poke is logged there and never fails the write.
 */
async function pokingAfterCommit<T>(
  userId: string,
  run: () => Promise<T>,
  committed: (result: T) => boolean,
): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    if (isRedirectError(error)) await publishPoke(userId);
    throw error;
  }
  if (committed(result)) await publishPoke(userId);
  return result;
}

/**
 * Runs a mutation at most once per Idempotency-Key (offline replays resend the same key): a
 * repeat gets the first response back. Outages free the key so a later retry can run.
 */
async function runOnce(
  userId: string,
  idempotencyKey: string,
  fingerprint: string,
  run: () => Promise<Response>,
  params: unknown,
): Promise<Response> {
  if (!/^[\w-]{8,128}$/.test(idempotencyKey)) {
    throw new AppError(
      "invalid",
      "The Idempotency-Key header must be 8 to 128 letters, digits, - or _.",
    );
  }
  const db = getDatabase();
  const claim = await claimIdempotencyKey(db, userId, idempotencyKey, fingerprint);
  if (claim.state === "mismatch") {
    throw new AppError(
      "mismatch",
      "This Idempotency-Key was already used for another request; send a new key.",
    );
  }
  // Not a conflict: the same change is still running (or its holder's lease has yet to run
  // out), so the client keeps it and asks again after Retry-After.
  if (claim.state === "in-progress") {
    throw new AppError(
      "unavailable",
      "This change is already being applied; try again in a moment.",
      { retryAfterSeconds: claim.retryAfterSeconds },
    );
  }
  if (claim.state === "done") {
    return new Response(claim.body || null, {
      status: claim.status,
      headers: { "content-type": "application/json", "idempotent-replay": "true" },
    });
  }
  const response = await run();
  if (response.status >= 500) {
    await releaseIdempotencyKey(db, userId, idempotencyKey, claim.token);
    return response;
  }
  const text = await response.clone().text();
  await completeIdempotencyKey(db, userId, idempotencyKey, {
    status: response.status,
    body: text,
    resource: answerResource(params, text),
  });
  return response;
}

/**
 * The note or task a stored answer is about (`task#<id>` or `note#<id>`), from the route's ids
 * or, for a create, from the answer itself: deleting it for good deletes the answer too.
 */
function answerResource(params: unknown, body: string): string | undefined {
  const idsOf = (value: unknown) => {
    const ids = (typeof value === "object" && value !== null ? value : {}) as Record<
      string,
      unknown
    >;
    if (typeof ids.taskId === "string") return `task#${ids.taskId}`;
    if (typeof ids.noteId === "string") return `note#${ids.noteId}`;
    return undefined;
  };
  const fromParams = idsOf(params);
  if (fromParams) return fromParams;
  try {
    return idsOf(JSON.parse(body));
  } catch {
    return undefined;
  }
}
