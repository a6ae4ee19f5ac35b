import { sendOrQueue } from "@/lib/offline/sync";
import type { Task } from "@/lib/tasks/types";

/** The outcome of a call to the tasks JSON API, as the browser sees it. */
export type ApiResult<T> =
  | {
      readonly ok: true;
      readonly status: number;
      readonly data: T;
      /** Kept in this device's outbox, to be sent when online; `data` is the optimistic result. */
      readonly queued?: boolean;
    }
  | {
      readonly ok: false;
      readonly status: number;
      readonly message: string;
      /** The task as it is now, sent with a 409. */
      readonly current?: Task;
    };

async function toResult<T>(response: Response): Promise<ApiResult<T>> {
  const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (response.ok) return { ok: true, status: response.status, data: body as T };
  return {
    ok: false,
    status: response.status,
    message: body.error?.message ?? `The server refused (HTTP ${response.status}).`,
    current: body.current as Task | undefined,
  };
}

const offlineMessage = "You seem to be offline; nothing was changed.";

/**
 * Calls the tasks API; network failures become a result too, never an exception. A change
 * given an `optimistic` result works offline: it waits in the outbox and the UI shows that
 * result at once.
 */
export async function callTasksApi<T>(
  url: string,
  init: {
    method?: "GET" | "POST" | "PATCH" | "DELETE";
    body?: Record<string, unknown>;
    optimistic?: T;
  } = {},
): Promise<ApiResult<T>> {
  const method = init.method ?? "GET";
  if (method !== "GET" && init.optimistic !== undefined) {
    const result = await sendOrQueue({
      method,
      url,
      body: init.body,
      mergeKey: method === "PATCH" ? `PATCH ${url}` : undefined,
      label: `${method} ${url}`,
    });
    if (result.queued) return { ok: true, status: 202, data: init.optimistic, queued: true };
    return toResult<T>(result.response);
  }
  try {
    const response = await fetch(url, {
      method,
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return toResult<T>(response);
  } catch {
    return { ok: false, status: 0, message: offlineMessage };
  }
}

/**
 * Re-reads the page from the server after a change, but only online: offline the service worker
 * would answer with an older copy and undo what the person just saw happen.
 */
export function refreshWhenOnline(router: { refresh: () => void }): void {
  if (navigator.onLine) router.refresh();
}
