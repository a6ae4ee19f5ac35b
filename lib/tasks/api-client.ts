import type { Task } from "@/lib/db/tasks-repository";

/** The outcome of a call to the tasks JSON API, as the browser sees it. */
export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly data: T }
  | {
      readonly ok: false;
      readonly status: number;
      readonly message: string;
      /** The task as it is now, sent with a 409. */
      readonly current?: Task;
    };

/** Calls the tasks API; network failures become a result too, never an exception. */
export async function callTasksApi<T>(
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<ApiResult<T>> {
  try {
    const response = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (response.ok) return { ok: true, status: response.status, data: body as T };
    return {
      ok: false,
      status: response.status,
      message: body.error?.message ?? `The server refused (HTTP ${response.status}).`,
      current: body.current as Task | undefined,
    };
  } catch {
    return { ok: false, status: 0, message: "You seem to be offline; nothing was changed." };
  }
}
