import Link from "next/link";
import { makeTaskFromChecklistAction } from "@/app/(app)/tasks/actions";
import { ActionButton } from "@/components/forms/action-button";
import { DueDate } from "@/components/tasks/due-date";
import { taskLimits } from "@/lib/tasks/constants";
import type { TaskCard } from "@/lib/tasks/types";
import { priorityLabels, sameText, statusLabels, uncheckedChecklistLines } from "@/lib/tasks/view";
import { ulid } from "@/lib/ulid";

/**
 * A note's tasks: those that link to it, and its unchecked checklist lines, each of which can
 * become a task linked to the note. A line that already has a task is shown as such.
 */
export function NoteTasks({
  noteId,
  content,
  tasks,
}: {
  readonly noteId: string;
  readonly content: string;
  readonly tasks: readonly TaskCard[];
}) {
  const lines = uncheckedChecklistLines(content);
  return (
    <>
      <section aria-labelledby="note-tasks-heading" className="space-y-3">
        <h2 id="note-tasks-heading" className="text-lg font-semibold">
          Tasks linked to this note
        </h2>
        {tasks.length === 0 ? (
          <p className="text-sm text-muted">No task links here yet.</p>
        ) : (
          <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
            {tasks.map((task) => (
              <li key={task.taskId} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3">
                <Link
                  href={`/tasks?task=${task.taskId}`}
                  className={`flex min-h-11 min-w-0 flex-1 items-center break-words font-medium text-accent underline underline-offset-4 ${task.status === "completed" ? "line-through" : ""}`}
                >
                  {task.description}
                </Link>
                <span className="text-xs text-muted">
                  {statusLabels[task.status]} · {priorityLabels[task.priority]} priority
                </span>
                {task.dueDate && (
                  <span className="text-xs">
                    <DueDate dueDate={task.dueDate} status={task.status} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {lines.length > 0 && (
        <section aria-labelledby="note-checklist-heading" className="space-y-3">
          <h2 id="note-checklist-heading" className="text-lg font-semibold">
            Checklist
          </h2>
          <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
            {lines.map((line) => {
              const description = line.text.slice(0, taskLimits.description);
              const made = tasks.some((task) => sameText(task.description, description));
              return (
                <li key={line.line} className="flex flex-wrap items-center gap-3 p-3">
                  <span className="min-w-0 flex-1 break-words">{line.text}</span>
                  {made ? (
                    <span className="text-sm text-success">Task made</span>
                  ) : (
                    <ActionButton
                      action={makeTaskFromChecklistAction}
                      // The id is fixed for this render: clicking twice cannot make two tasks.
                      fields={{ noteId, taskId: ulid(), description }}
                      label="Make a task"
                      pendingLabel="Making…"
                      ariaLabel={`Make a task: ${line.text}`}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
