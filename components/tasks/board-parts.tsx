import Link from "next/link";
import type { ComponentProps, ReactNode, Ref } from "react";
import { DueDate } from "@/components/tasks/due-date";
import type { TaskStatus } from "@/lib/tasks/constants";
import type { TaskCard } from "@/lib/tasks/types";
import { priorityLabels, statusLabels } from "@/lib/tasks/view";

/**
 * The board's markup, shared by the first paint (components/tasks/task-board.tsx, no drag code)
 * and the drag layer loaded on first intent (task-board-dnd.tsx): both draw the same columns
 * and cards, so swapping one for the other changes no pixel.
 */

export function ColumnFrame({
  status,
  count,
  hasMore,
  loading,
  onLoadMore,
  children,
}: {
  readonly status: TaskStatus;
  readonly count: number;
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly onLoadMore: () => void;
  readonly children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={columnHeadingId(status)}
      data-column={status}
      className="flex min-w-0 flex-col gap-2 rounded-xl border border-line bg-canvas p-3"
    >
      <h2 id={columnHeadingId(status)} className="flex items-center gap-2 font-semibold">
        {statusLabels[status]}
        <span className="rounded-full bg-surface px-2 text-sm font-normal text-muted">
          {count}
          <span className="sr-only"> tasks</span>
        </span>
      </h2>
      {children}
      {hasMore && (
        <button
          type="button"
          onClick={onLoadMore}
          disabled={loading}
          aria-label={`Load more ${statusLabels[status]} tasks`}
          className="min-h-11 rounded-md border border-line bg-surface px-3 text-sm font-medium disabled:opacity-60"
        >
          {loading ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}

export function columnHeadingId(status: TaskStatus): string {
  return `column-${status}`;
}

/** A column's cards; `listRef` and `isOver` come from the drag layer once it is loaded. */
export function CardList({
  status,
  empty,
  isOver = false,
  listRef,
  children,
}: {
  readonly status: TaskStatus;
  readonly empty: boolean;
  readonly isOver?: boolean;
  readonly listRef?: Ref<HTMLOListElement>;
  readonly children: ReactNode;
}) {
  return (
    <ol
      ref={listRef}
      aria-labelledby={columnHeadingId(status)}
      className={`flex min-h-24 flex-col gap-2 rounded-lg p-1 ${isOver ? "bg-surface" : ""}`}
    >
      {children}
      {empty && (
        <li className="grid min-h-20 place-items-center rounded-lg border border-dashed border-line text-sm text-muted">
          Drop tasks here
        </li>
      )}
    </ol>
  );
}

/** The drag handle: the drag layer spreads its sensors' listeners and attributes onto it. */
export function CardHandle({
  task,
  ...props
}: { readonly task: TaskCard } & ComponentProps<"button">) {
  return (
    <button
      type="button"
      {...props}
      aria-label={`Move task: ${task.description}`}
      data-drag-handle={task.taskId}
      className="grid min-h-11 min-w-11 shrink-0 cursor-grab touch-none place-items-center rounded-md text-lg text-muted hover:bg-canvas active:cursor-grabbing"
    >
      <span aria-hidden="true">⠿</span>
    </button>
  );
}

export function CardBody({
  task,
  noteTitles,
  handle,
  overlay = false,
}: {
  readonly task: TaskCard;
  readonly noteTitles: Readonly<Record<string, string>>;
  readonly handle?: ReactNode;
  readonly overlay?: boolean;
}) {
  const noteTitle = task.noteId ? noteTitles[task.noteId] : undefined;
  return (
    <article
      className={`flex items-start gap-1 rounded-lg border border-line bg-surface p-2 ${overlay ? "shadow-lg" : ""}`}
    >
      {handle ?? (
        <span aria-hidden="true" className="grid min-h-11 min-w-11 place-items-center text-muted">
          ⠿
        </span>
      )}
      <div className="min-w-0 flex-1 space-y-1 py-2">
        <h3
          className={`break-words text-sm font-medium ${task.status === "completed" ? "text-muted line-through" : ""}`}
        >
          {task.description}
        </h3>
        <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted">
          <span>{priorityLabels[task.priority]} priority</span>
          {task.dueDate && <DueDate dueDate={task.dueDate} status={task.status} />}
          {task.noteId && noteTitle !== undefined && !overlay && (
            <Link
              href={`/notes/${task.noteId}`}
              className="text-accent underline underline-offset-2"
            >
              Note: {noteTitle || "Untitled"}
            </Link>
          )}
        </p>
      </div>
    </article>
  );
}
