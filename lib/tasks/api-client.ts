import { type AnswerSchema, checkAnswer, taskAnswer, taskPageAnswer } from "@/lib/api/answers";
import {
  type ApiFailure,
  type ApiResult as ClientResult,
  callApi,
  readAnswer,
} from "@/lib/api/client";
import { sendOrQueue } from "@/lib/offline/sync";
import type { Task } from "@/lib/tasks/types";

/** The outcome of a call to the tasks JSON API: a 409 brings the task as it is now. */
export type ApiResult<T> =
  | Extract<ClientResult<T>, { ok: true }>
  | (Omit<ApiFailure, "current"> & { readonly current?: Task });

/** What a tasks route answers: a page for the list, a task for everything else. */
function answerSchema(url: string, method: string): AnswerSchema<unknown> {
  const path = url.split("?")[0];
  return method === "GET" && path === "/api/tasks" ? taskPageAnswer : taskAnswer;
}

/** How the change reads where the person sees it (the sync status lists changes not sent). */
function changeLabel(method: string, url: string, body: Record<string, unknown> | undefined) {
  const about = typeof body?.description === "string" ? `: ${body.description}` : "";
  if (url.endsWith("/move")) return "Move a task";
  if (url.endsWith("/restore")) return "Restore a task";
  if (method === "POST") return `New task${about}`;
  if (method === "DELETE") return "Delete a task";
  return "Edit a task";
}

async function failure(result: ApiFailure): Promise<ApiResult<never>> {
  const current = await checkAnswer(taskAnswer, result.current);
  return { ...result, current: current?.data };
}

/**
 * Calls the tasks API; network failures become a result too, never an exception. A change
 * given an `optimistic` result works offline: it waits in the outbox and the UI shows that
 * result at once. The answer is checked against what the route answers (`schema`, by default
 * the task or the page of tasks the URL names).
 */
export async function callTasksApi<T>(
  url: string,
  init: {
    method?: "GET" | "POST" | "PATCH" | "DELETE";
    body?: Record<string, unknown>;
    optimistic?: T;
    schema?: AnswerSchema<T>;
  } = {},
): Promise<ApiResult<T>> {
  const method = init.method ?? "GET";
  // Without a schema of its own, the caller's T is the route's answer (Task or TaskPage).
  const schema = init.schema ?? (answerSchema(url, method) as AnswerSchema<T>);
  if (method !== "GET" && init.optimistic !== undefined) {
    const result = await sendOrQueue(
      {
        method,
        url,
        body: init.body,
        mergeKey: method === "PATCH" ? `PATCH ${url}` : undefined,
        label: changeLabel(method, url, init.body),
      },
      // Shown in the device's replica at once (lib/offline/local-writes.ts).
      init.optimistic as Task | null,
    );
    if (result.queued) return { ok: true, status: 202, data: init.optimistic, queued: true };
    const answer = await readAnswer(result.response, schema);
    return answer.ok ? answer : failure(answer);
  }
  const answer = await callApi(url, schema, { method, body: init.body });
  return answer.ok ? answer : failure(answer);
}

/**
 * Re-reads the page from the server after a change, but only online: offline the service worker
 * would answer with an older copy and undo what the person just saw happen.
 */
export function refreshWhenOnline(router: { refresh: () => void }): void {
  if (navigator.onLine) router.refresh();
}

/**
 * After a refusal this device's copy may be behind (a task deleted elsewhere): a view drawn from
 * the replica pulls the changes it missed (the pull on reconnect may have gone out before the
 * network was really back); one drawn from the server re-reads the page.
 */
export function catchUpWhenOnline(router: { refresh: () => void }, fromReplica: boolean): void {
  if (!navigator.onLine) return;
  if (!fromReplica) router.refresh();
  else void import("@/lib/replica/sync-engine").then(({ pullNow }) => pullNow());
}
