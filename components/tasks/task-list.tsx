"use client";

import { useDeferredValue, useState } from "react";
import { ReplicaLink } from "@/components/app-shell/replica-link";
import { DueDate } from "@/components/tasks/due-date";
import { TaskEditor } from "@/components/tasks/task-editor";
import type { Task, TaskCard } from "@/lib/tasks/types";
import { useQuickAdd } from "@/lib/tasks/use-quick-add";
import { type ReplicaSource, useTaskList } from "@/lib/tasks/use-task-list";
import { priorityLabels, sortTasks, statusLabels, type TaskSort } from "@/lib/tasks/view";

interface TaskListProps {
  readonly initial: readonly TaskCard[];
  readonly sort: TaskSort;
  readonly noteTitles: Readonly<Record<string, string>>;
  /** A task to open at once (a link from a note). */
  readonly openTaskId?: string;
  /** The view's tasks in the device's replica, once it is ready: the list follows them. */
  readonly source?: ReplicaSource;
}

/**
 * The task list: quick add, complete, edit in place and delete, all shown at once and saved
 * through the JSON API (see useTaskList). A task completed here stays visible (struck through)
 * until the page is reloaded, and the notice offers Undo.
 */
/** Rows the list mounts at first and adds per "Show more". */
const listWindow = 200;
/** Rows in the list's first render: more than a screen holds. */
const firstScreenRows = 30;

export function TaskList({ initial, sort, noteTitles, openTaskId, source }: TaskListProps) {
  const list = useTaskList(initial, openTaskId, source);
  const { items, openId, notice, replays } = list;
  const sorted = sortTasks(items, sort);
  // The replica holds every task: mount a window of them (thousands of rows take seconds).
  const [shown, setShown] = useState(listWindow);
  // Drawn from the replica, the first render mounts a screenful, the rest of the window in a
  // background render right after (React renders it with the deferred value): the switch to
  // the list shows at once. A server-drawn list renders whole (its HTML works without JS).
  const visible = sorted.slice(0, useDeferredValue(shown, source ? firstScreenRows : shown));

  return (
    <div className="space-y-4">
      <QuickAdd onCreated={list.added} />
      <div
        role="status"
        aria-live="polite"
        className={`flex min-h-5 flex-wrap items-center gap-2 text-sm ${notice?.tone === "error" ? "text-danger" : "text-muted"}`}
      >
        <span>{notice?.text}</span>
        {notice?.undo && (
          <button
            type="button"
            onClick={list.undo}
            className="min-h-11 rounded-md border border-line bg-surface px-3 font-medium text-ink"
          >
            Undo
          </button>
        )}
      </div>
      {sorted.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-8 text-center text-muted">
          No tasks here. Add one above.
        </p>
      ) : (
        <ul
          aria-label="Tasks"
          className="divide-y divide-line rounded-xl border border-line bg-surface"
        >
          {visible.map((task) => (
            <li key={task.taskId} data-task-id={task.taskId} className="p-2 sm:p-3">
              <div className="flex items-start gap-2">
                <label className="grid min-h-11 min-w-11 shrink-0 cursor-pointer place-items-center">
                  <input
                    type="checkbox"
                    checked={task.status === "completed"}
                    onChange={() => list.toggleDone(task)}
                    aria-label={`Done: ${task.description}`}
                    className="size-5 accent-accent"
                  />
                </label>
                <div className="min-w-0 flex-1 space-y-1 py-2">
                  <button
                    type="button"
                    aria-expanded={openId === task.taskId}
                    aria-controls={`task-editor-${task.taskId}`}
                    onClick={() => list.toggleOpen(task.taskId)}
                    className={`block w-full break-words text-left font-medium ${task.status === "completed" ? "text-muted line-through" : ""}`}
                  >
                    {task.description}
                  </button>
                  <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted">
                    <span>{statusLabels[task.status]}</span>
                    <span>{priorityLabels[task.priority]} priority</span>
                    {task.dueDate && <DueDate dueDate={task.dueDate} status={task.status} />}
                    {task.noteId && noteTitles[task.noteId] !== undefined && (
                      <ReplicaLink
                        href={`/notes/${task.noteId}`}
                        className="text-accent underline underline-offset-2"
                      >
                        Note: {noteTitles[task.noteId] || "Untitled"}
                      </ReplicaLink>
                    )}
                  </p>
                </div>
                <button
                  type="button"
                  onClick={() => list.toggleOpen(task.taskId)}
                  aria-label={`${openId === task.taskId ? "Close" : "Edit"} task: ${task.description}`}
                  className="min-h-11 shrink-0 rounded-md px-3 text-sm text-muted hover:bg-canvas hover:text-ink"
                >
                  {openId === task.taskId ? "Close" : "Edit"}
                </button>
              </div>
              {openId === task.taskId && (
                <TaskEditor
                  id={`task-editor-${task.taskId}`}
                  taskId={task.taskId}
                  noteTitle={task.noteId ? noteTitles[task.noteId] : undefined}
                  replay={replays[task.taskId]}
                  onSaved={list.saved}
                  onTrash={() => list.trash(task)}
                  onClose={list.close}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {sorted.length > shown && (
        <button
          type="button"
          onClick={() => setShown((count) => count + listWindow)}
          className="min-h-11 rounded-md border border-line bg-surface px-3 text-sm font-medium"
        >
          Show more tasks ({sorted.length - shown} more)
        </button>
      )}
    </div>
  );
}

/** One input; Enter adds (see useQuickAdd). */
function QuickAdd({ onCreated }: { readonly onCreated: (task: Task) => void }) {
  const { text, error, busy, submit, type } = useQuickAdd(onCreated);

  return (
    <form onSubmit={submit} className="space-y-1">
      <label htmlFor="quick-add" className="block text-sm font-medium">
        Add a task
      </label>
      <div className="flex gap-2">
        <input
          id="quick-add"
          value={text}
          maxLength={500}
          onChange={(event) => type(event.target.value)}
          placeholder="What needs doing? Press Enter to add"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "quick-add-error" : undefined}
          enterKeyHint="done"
          className="min-h-11 min-w-0 flex-1 rounded-md border border-line bg-surface px-3 py-2 text-base"
        />
        <button
          type="submit"
          aria-disabled={busy}
          className="min-h-11 shrink-0 rounded-md bg-accent px-4 text-sm font-semibold text-accent-ink aria-disabled:opacity-60"
        >
          {busy ? "Adding…" : "Add"}
        </button>
      </div>
      {error && (
        <p id="quick-add-error" role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
