import type { TaskStatus } from "@/lib/tasks/schemas";

/**
 * When a task was completed after a change to `status`: kept while it stays completed, now
 * when it becomes completed, cleared when it leaves the completed column.
 */
export function completedAtAfter(
  status: TaskStatus,
  previous: { readonly status: TaskStatus; readonly completedAt?: string } | undefined,
  at: string,
): string | undefined {
  if (status !== "completed") return undefined;
  return previous?.status === "completed" ? previous.completedAt : at;
}
