"use client";

import {
  type Announcements,
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ReplicaLink } from "@/components/app-shell/replica-link";
import { DueDate } from "@/components/tasks/due-date";
import {
  type BoardPages,
  type Columns,
  columnCount,
  locate,
  nameOf,
  placeOf,
} from "@/lib/tasks/board-reducer";
import { type TaskStatus, taskStatuses } from "@/lib/tasks/constants";
import type { TaskCard } from "@/lib/tasks/types";
import { useTaskBoard } from "@/lib/tasks/use-task-board";
import { priorityLabels, statusLabels } from "@/lib/tasks/view";

interface TaskBoardProps {
  readonly initial: BoardPages;
  /** The server's counters (of tasks not all on the board yet). */
  readonly counts: Readonly<Record<TaskStatus, number>>;
  readonly noteTitles: Readonly<Record<string, string>>;
  /** Every live task in the device's replica, once it is ready: the board follows it. */
  readonly source?: Columns;
}

/**
 * The board: three columns (from the device's replica, else the server's ByStatus index), drag
 * and drop by pointer (mouse, pen, touch on the handle) and keyboard. A drop shows at once and is persisted by useTaskBoard;
 * a refused one is put back with a spoken message.
 */
export function TaskBoard({ initial, counts, noteTitles, source }: TaskBoardProps) {
  const board = useTaskBoard(initial, source);
  const { columns, cursors, activeId, notice, loading } = board;

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // dnd-kit calls these during the drag: they read the board as last rendered.
  const name = (id: UniqueIdentifier) => nameOf(board.latest().columns, String(id));
  const place = (id: UniqueIdentifier) => placeOf(board.latest().columns, String(id));
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up task ${name(active.id)}, in ${place(active.id)}.`,
    // Over itself is where it started: "picked up" already said so.
    onDragOver: ({ active, over }) =>
      over?.id === active.id
        ? undefined
        : over
          ? `Task ${name(active.id)} is over ${place(over.id)}.`
          : `Task ${name(active.id)} is not over a column.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `Task ${name(active.id)} dropped in ${place(active.id)}.`
        : `Task ${name(active.id)} dropped outside the board; it stays where it was.`,
    onDragCancel: ({ active }) => `Moving task ${name(active.id)} was cancelled.`,
  };

  const active = activeId ? locate(columns, activeId)?.task : undefined;

  return (
    <div className="space-y-3">
      <p
        role="status"
        aria-live="polite"
        className={`min-h-5 text-sm ${notice?.tone === "error" ? "text-danger" : "text-muted"}`}
      >
        {notice?.text}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              "To move a task, press Space or Enter on its handle. Use the arrow keys to move it within a column or to the next column, then Space or Enter to drop it, or Escape to cancel.",
          },
        }}
        onDragStart={board.onDragStart}
        onDragOver={board.onDragOver}
        onDragEnd={board.onDragEnd}
        onDragCancel={board.onDragCancel}
      >
        <div className="grid gap-4 md:grid-cols-3">
          {taskStatuses.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              tasks={columns[status]}
              count={columnCount(board, status, counts[status])}
              hasMore={Boolean(cursors[status])}
              loading={loading === status}
              onLoadMore={() => board.loadMore(status)}
              noteTitles={noteTitles}
            />
          ))}
        </div>
        <DragOverlay>
          {active ? <CardBody task={active} noteTitles={noteTitles} overlay /> : null}
        </DragOverlay>
      </DndContext>
    </div>
  );
}

function BoardColumn({
  status,
  tasks,
  count,
  hasMore,
  loading,
  onLoadMore,
  noteTitles,
}: {
  readonly status: TaskStatus;
  readonly tasks: readonly TaskCard[];
  readonly count: number;
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly onLoadMore: () => void;
  readonly noteTitles: Readonly<Record<string, string>>;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const headingId = `column-${status}`;
  return (
    <section
      aria-labelledby={headingId}
      data-column={status}
      className="flex min-w-0 flex-col gap-2 rounded-xl border border-line bg-canvas p-3"
    >
      <h2 id={headingId} className="flex items-center gap-2 font-semibold">
        {statusLabels[status]}
        <span className="rounded-full bg-surface px-2 text-sm font-normal text-muted">
          {count}
          <span className="sr-only"> tasks</span>
        </span>
      </h2>
      <SortableContext
        id={status}
        items={tasks.map((task) => task.taskId)}
        strategy={verticalListSortingStrategy}
      >
        <ol
          ref={setNodeRef}
          aria-labelledby={headingId}
          className={`flex min-h-24 flex-col gap-2 rounded-lg p-1 ${isOver ? "bg-surface" : ""}`}
        >
          {tasks.map((task) => (
            <SortableCard key={task.taskId} task={task} noteTitles={noteTitles} />
          ))}
          {tasks.length === 0 && (
            <li className="grid min-h-20 place-items-center rounded-lg border border-dashed border-line text-sm text-muted">
              Drop tasks here
            </li>
          )}
        </ol>
      </SortableContext>
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

function SortableCard({
  task,
  noteTitles,
}: {
  readonly task: TaskCard;
  readonly noteTitles: Readonly<Record<string, string>>;
}) {
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: task.taskId });
  return (
    <li
      ref={setNodeRef}
      data-task-id={task.taskId}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      // Off-screen cards skip layout until scrolled near, as the notes list's cards do.
      className={`[contain-intrinsic-size:auto_5.5rem] [content-visibility:auto] ${isDragging ? "opacity-40" : ""}`}
    >
      <CardBody
        task={task}
        noteTitles={noteTitles}
        handle={
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`Move task: ${task.description}`}
            className="grid min-h-11 min-w-11 shrink-0 cursor-grab touch-none place-items-center rounded-md text-lg text-muted hover:bg-canvas active:cursor-grabbing"
          >
            <span aria-hidden="true">⠿</span>
          </button>
        }
      />
    </li>
  );
}

function CardBody({
  task,
  noteTitles,
  handle,
  overlay = false,
}: {
  readonly task: TaskCard;
  readonly noteTitles: Readonly<Record<string, string>>;
  readonly handle?: React.ReactNode;
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
            <ReplicaLink
              href={`/notes/${task.noteId}`}
              className="text-accent underline underline-offset-2"
            >
              Note: {noteTitle || "Untitled"}
            </ReplicaLink>
          )}
        </p>
      </div>
    </article>
  );
}
