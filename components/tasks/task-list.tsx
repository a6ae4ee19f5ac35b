"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ulid } from "ulid";
import { DueDate } from "@/components/tasks/due-date";
import { TaskEditor } from "@/components/tasks/task-editor";
import { isOfflineStoreAvailable, rememberTasks } from "@/lib/offline/store";
import { callTasksApi, refreshWhenOnline } from "@/lib/tasks/api-client";
import type { Task, TaskCard } from "@/lib/tasks/types";
import {
  placeInColumn,
  priorityLabels,
  sortTasks,
  statusLabels,
  type TaskSort,
} from "@/lib/tasks/view";

interface TaskListProps {
  readonly initial: readonly TaskCard[];
  readonly sort: TaskSort;
  readonly noteTitles: Readonly<Record<string, string>>;
  /** A task to open at once (a link from a note). */
  readonly openTaskId?: string;
}

function cardOf(task: Task): TaskCard {
  const { details: _details, ...card } = task;
  return card;
}

interface Notice {
  readonly text: string;
  readonly tone: "error" | "info";
  /** Puts back what the notice reports (a completion, a deletion). */
  readonly undo?: () => Promise<void>;
}

/**
 * The task list: quick add, complete, edit in place and delete, all shown at once and saved
 * through the JSON API; the page is then refreshed so counts and filters follow. A task
 * completed here stays visible (struck through) until the page is reloaded, and the notice
 * offers Undo.
 */
export function TaskList({ initial, sort, noteTitles, openTaskId }: TaskListProps) {
  const router = useRouter();
  const [items, setItems] = useState<readonly TaskCard[]>(initial);
  const [openId, setOpenId] = useState<string | undefined>(openTaskId);
  const [notice, setNotice] = useState<Notice>();

  // The server's list after a refresh, plus what was completed here (the server leaves it out).
  useEffect(() => {
    setItems((current) => {
      const fresh = new Set(initial.map((task) => task.taskId));
      const kept = current.filter((task) => !fresh.has(task.taskId) && task.status === "completed");
      return [...initial, ...kept];
    });
  }, [initial]);

  // Keep what was seen for offline reading.
  useEffect(() => {
    if (isOfflineStoreAvailable()) void rememberTasks(items).catch(() => undefined);
  }, [items]);

  const replace = (card: TaskCard) =>
    setItems((current) => current.map((task) => (task.taskId === card.taskId ? card : task)));

  async function toggleDone(task: TaskCard) {
    const status = task.status === "completed" ? "todo" : "completed";
    // Where it sat, for Undo: completing moves it to the end of the Done column.
    const place = placeInColumn(items, task);
    replace({ ...task, status });
    const now = new Date().toISOString();
    const result = await callTasksApi<Task>(`/api/tasks/${task.taskId}`, {
      method: "PATCH",
      body: { version: task.version, status },
      optimistic: {
        ...task,
        details: "",
        status,
        completedAt: status === "completed" ? now : null,
        updatedAt: now,
      },
    });
    if (result.ok) {
      replace(cardOf(result.data));
      setNotice(
        status === "completed"
          ? {
              tone: "info",
              text: `Completed “${task.description}”.`,
              undo: () => putBack(task, place),
            }
          : { tone: "info", text: `Reopened “${task.description}”.` },
      );
      refreshWhenOnline(router);
    } else if (result.current) {
      replace(cardOf(result.current));
      setNotice({
        tone: "error",
        text: `“${task.description}” changed elsewhere; showing the newer version (${statusLabels[result.current.status]}). Try again if you still want to change it.`,
      });
    } else {
      replace(task);
      setNotice({ tone: "error", text: result.message });
    }
  }

  /** Undo of a completion: its old status, between the neighbours it had there. */
  async function putBack(previous: TaskCard, place: ReturnType<typeof placeInColumn>) {
    const move = (body: Record<string, unknown>) =>
      callTasksApi<Task>(`/api/tasks/${previous.taskId}/move`, {
        method: "POST",
        body: { status: previous.status, ...body },
        optimistic: { ...previous, details: "", updatedAt: new Date().toISOString() },
      });
    let result = await move(place);
    // A neighbour moved meanwhile: the old status still matters more than the exact spot.
    if (!result.ok && result.status === 409) result = await move({});
    if (!result.ok) {
      setNotice({ tone: "error", text: result.message });
      return;
    }
    replace(cardOf(result.data));
    setNotice({
      tone: "info",
      text: `“${previous.description}” is back in ${statusLabels[previous.status]}.`,
    });
    refreshWhenOnline(router);
  }

  async function trash(task: TaskCard) {
    const result = await callTasksApi<Task>(`/api/tasks/${task.taskId}`, {
      method: "DELETE",
      optimistic: { ...task, details: "", deletedAt: new Date().toISOString() },
    });
    if (!result.ok) {
      setNotice({ tone: "error", text: result.message });
      return;
    }
    setItems((current) => current.filter((item) => item.taskId !== task.taskId));
    setOpenId(undefined);
    setNotice({
      tone: "info",
      text: `Moved “${task.description}” to Deleted tasks.`,
      undo: () => undoTrash(task.taskId),
    });
    refreshWhenOnline(router);
  }

  async function undoTrash(taskId: string) {
    const result = await callTasksApi<Task>(`/api/tasks/${taskId}/restore`, { method: "POST" });
    if (!result.ok) {
      setNotice({ tone: "error", text: result.message });
      return;
    }
    setItems((current) => [cardOf(result.data), ...current.filter((t) => t.taskId !== taskId)]);
    setNotice({ tone: "info", text: `Restored “${result.data.description}”.` });
    refreshWhenOnline(router);
  }

  const sorted = sortTasks(items, sort);

  return (
    <div className="space-y-4">
      <QuickAdd
        onCreated={(task) => {
          setItems((current) => [cardOf(task), ...current.filter((t) => t.taskId !== task.taskId)]);
          setNotice({ tone: "info", text: `Added “${task.description}”.` });
          refreshWhenOnline(router);
        }}
      />
      <div
        role="status"
        aria-live="polite"
        className={`flex min-h-5 flex-wrap items-center gap-2 text-sm ${notice?.tone === "error" ? "text-danger" : "text-muted"}`}
      >
        <span>{notice?.text}</span>
        {notice?.undo && (
          <button
            type="button"
            onClick={() => void notice.undo?.()}
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
          {sorted.map((task) => (
            <li key={task.taskId} data-task-id={task.taskId} className="p-2 sm:p-3">
              <div className="flex items-start gap-2">
                <label className="grid min-h-11 min-w-11 shrink-0 cursor-pointer place-items-center">
                  <input
                    type="checkbox"
                    checked={task.status === "completed"}
                    onChange={() => void toggleDone(task)}
                    aria-label={`Done: ${task.description}`}
                    className="size-5 accent-accent"
                  />
                </label>
                <div className="min-w-0 flex-1 space-y-1 py-2">
                  <button
                    type="button"
                    aria-expanded={openId === task.taskId}
                    aria-controls={`task-editor-${task.taskId}`}
                    onClick={() => setOpenId(openId === task.taskId ? undefined : task.taskId)}
                    className={`block w-full break-words text-left font-medium ${task.status === "completed" ? "text-muted line-through" : ""}`}
                  >
                    {task.description}
                  </button>
                  <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted">
                    <span>{statusLabels[task.status]}</span>
                    <span>{priorityLabels[task.priority]} priority</span>
                    {task.dueDate && <DueDate dueDate={task.dueDate} status={task.status} />}
                    {task.noteId && noteTitles[task.noteId] !== undefined && (
                      <Link
                        href={`/notes/${task.noteId}`}
                        className="text-accent underline underline-offset-2"
                      >
                        Note: {noteTitles[task.noteId] || "Untitled"}
                      </Link>
                    )}
                  </p>
                </div>
                <button
                  type="button"
                  onClick={() => setOpenId(openId === task.taskId ? undefined : task.taskId)}
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
                  onSaved={(saved) => {
                    replace(cardOf(saved));
                    refreshWhenOnline(router);
                  }}
                  onTrash={() => void trash(task)}
                  onClose={() => setOpenId(undefined)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * One input; Enter adds. The task's id is made here and kept until the server confirms, so a
 * double Enter or a retry after a dropped connection cannot create the task twice.
 */
function QuickAdd({ onCreated }: { readonly onCreated: (task: Task) => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pendingId = useRef<string | undefined>(undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const description = text.trim();
    if (!description) return;
    pendingId.current ??= ulid();
    setBusy(true);
    const now = new Date().toISOString();
    const result = await callTasksApi<Task>("/api/tasks", {
      method: "POST",
      body: { taskId: pendingId.current, description },
      // What the server will make of it, shown at once when the change waits offline.
      optimistic: {
        taskId: pendingId.current,
        description,
        details: "",
        status: "todo",
        priority: "medium",
        dueDate: null,
        position: "",
        noteId: null,
        completedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
        deletedAt: null,
      },
    });
    setBusy(false);
    if (result.ok) {
      pendingId.current = undefined;
      setText("");
      setError(undefined);
      onCreated(result.data);
    } else {
      setError(result.message);
    }
  }

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
          onChange={(event) => {
            setText(event.target.value);
            // New words are a new task; an unchanged retry keeps its id.
            if (!busy) pendingId.current = undefined;
          }}
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
