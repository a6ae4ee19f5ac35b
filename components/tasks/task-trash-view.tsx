"use client";

import { useState } from "react";
import { deleteTaskForeverAction, restoreTaskAction } from "@/app/(app)/tasks/actions";
import { LocalTime } from "@/components/app-shell/local-time";
import { ActionButton } from "@/components/forms/action-button";
import { TasksHeader } from "@/components/tasks/tasks-header";
import { callTasksApi } from "@/lib/tasks/api-client";
import { countsFromReplica, trashFromReplica } from "@/lib/tasks/replica-view";
import type { Task, TaskCard } from "@/lib/tasks/types";
import { useTaskLibrary } from "@/lib/tasks/use-task-library";
import { statusLabels, type TaskCounts } from "@/lib/tasks/view";

interface TaskTrashViewProps {
  /** The server's page; absent when the device's replica draws it (the server skipped it). */
  readonly server?: {
    readonly counts: TaskCounts;
    readonly items: readonly TaskCard[];
    readonly more: boolean;
    readonly pageSize: number;
  };
}

/** Deleted tasks: from the device's replica once it is ready, from the server's page until then. */
export function TaskTrashView({ server }: TaskTrashViewProps) {
  const trash = useTaskLibrary(true);
  const live = useTaskLibrary();
  const items = trash ? trashFromReplica(trash.tasks) : server?.items;
  const counts = live ? countsFromReplica(live.tasks) : server?.counts;
  const [notice, setNotice] = useState<{ readonly text: string; readonly ok: boolean }>();

  // Drawn from the replica, a change goes through the API client so it lands there at once
  // (lib/offline/local-writes.ts); the server's page keeps its forms, which work without script.
  async function restore(task: TaskCard) {
    const result = await callTasksApi<Task>(`/api/tasks/${task.taskId}/restore`, {
      method: "POST",
      optimistic: { ...task, details: "", deletedAt: null },
    });
    setNotice(
      result.ok
        ? { ok: true, text: `Restored “${task.description}”.` }
        : { ok: false, text: result.message },
    );
  }

  async function deleteForGood(task: TaskCard) {
    if (!window.confirm("Delete this task for good? This cannot be undone.")) return;
    const result = await callTasksApi<null>(`/api/tasks/${task.taskId}?permanent=1`, {
      method: "DELETE",
      optimistic: null,
    });
    setNotice(
      result.ok
        ? { ok: true, text: `Deleted “${task.description}” for good.` }
        : { ok: false, text: result.message },
    );
  }

  return (
    <div className="space-y-6">
      <TasksHeader counts={counts} current="/tasks/trash" />
      <div className="space-y-1">
        <h2 className="text-lg font-semibold">Deleted tasks</h2>
        <p className="text-sm text-muted">
          Deleted tasks can be restored to where they were; they are removed for good after 30 days.
        </p>
      </div>
      {server?.more && !trash && (
        <p className="text-sm text-muted">
          Showing the {server.pageSize} newest deleted tasks; restore or delete them to see older
          ones.
        </p>
      )}
      <p
        role="status"
        aria-live="polite"
        className={`min-h-5 text-sm ${notice?.ok === false ? "text-danger" : "text-muted"}`}
      >
        {notice?.text}
      </p>
      {items === undefined ? (
        <p className="text-sm text-muted">Loading deleted tasks…</p>
      ) : items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-8 text-center text-muted">
          No deleted tasks.
        </p>
      ) : (
        <ul
          aria-label="Deleted tasks"
          className="divide-y divide-line rounded-xl border border-line bg-surface"
        >
          {items.map((task) => (
            <li key={task.taskId} className="flex flex-wrap items-center gap-3 p-4">
              <div className="min-w-0 flex-1">
                <p className="break-words font-medium">{task.description}</p>
                <p className="text-xs text-muted">
                  Was in {statusLabels[task.status]}
                  {task.deletedAt && (
                    <>
                      {" · deleted "}
                      <LocalTime iso={task.deletedAt} />
                    </>
                  )}
                </p>
              </div>
              {trash ? (
                <>
                  <button
                    type="button"
                    onClick={() => void restore(task)}
                    aria-label={`Restore ${task.description}`}
                    className="min-h-11 rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium text-ink hover:bg-canvas"
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    onClick={() => void deleteForGood(task)}
                    aria-label={`Delete ${task.description} for good`}
                    className="min-h-11 rounded-md bg-danger px-3 py-2 text-sm font-medium text-white"
                  >
                    Delete for good
                  </button>
                </>
              ) : (
                <>
                  <ActionButton
                    action={restoreTaskAction}
                    fields={{ taskId: task.taskId }}
                    label="Restore"
                    pendingLabel="Restoring…"
                    ariaLabel={`Restore ${task.description}`}
                  />
                  <ActionButton
                    action={deleteTaskForeverAction}
                    fields={{ taskId: task.taskId }}
                    label="Delete for good"
                    pendingLabel="Deleting…"
                    tone="danger"
                    confirm="Delete this task for good? This cannot be undone."
                    ariaLabel={`Delete ${task.description} for good`}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
