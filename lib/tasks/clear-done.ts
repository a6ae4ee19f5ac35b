import { callTasksApi } from "@/lib/tasks/api-client";
import type { Task, TaskCard } from "@/lib/tasks/types";

/**
 * "Clear done" on a view drawn from the device's replica (issue 13): each done task goes to
 * Deleted tasks as any other delete does, through the outbox, so the views show it at once
 * (offline too: the changes wait and go out in order on reconnect). All are handed over at
 * once; the server trashes them one by one as before. Answers the first refusal's message.
 */
export async function clearDoneFromReplica(
  done: readonly TaskCard[],
  now = new Date().toISOString(),
): Promise<string | undefined> {
  const results = await Promise.all(
    done.map((task) =>
      callTasksApi<Task>(`/api/tasks/${task.taskId}`, {
        method: "DELETE",
        optimistic: { ...task, details: "", deletedAt: now },
      }),
    ),
  );
  const refused = results.find((result) => !result.ok);
  return refused && !refused.ok ? refused.message : undefined;
}
