"use client";

import {
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { DueDate } from "@/components/tasks/due-date";
import { isOfflineStoreAvailable, rememberTasks } from "@/lib/offline/store";
import { callTasksApi, refreshWhenOnline } from "@/lib/tasks/api-client";
import { type TaskStatus, taskStatuses } from "@/lib/tasks/schemas";
import type { Task, TaskCard, TaskPage } from "@/lib/tasks/types";
import { priorityLabels, statusLabels } from "@/lib/tasks/view";

type Columns = Record<TaskStatus, TaskCard[]>;
type Cursors = Record<TaskStatus, string | undefined>;

interface TaskBoardProps {
  readonly initial: Readonly<Record<TaskStatus, TaskPage>>;
  readonly counts: Readonly<Record<TaskStatus, number>>;
  readonly noteTitles: Readonly<Record<string, string>>;
}

function columnsOf(pages: TaskBoardProps["initial"]): Columns {
  return {
    todo: [...pages.todo.items],
    "in-progress": [...pages["in-progress"].items],
    completed: [...pages.completed.items],
  };
}

function cursorsOf(pages: TaskBoardProps["initial"]): Cursors {
  return {
    todo: pages.todo.nextCursor,
    "in-progress": pages["in-progress"].nextCursor,
    completed: pages.completed.nextCursor,
  };
}

function isStatus(id: UniqueIdentifier): id is TaskStatus {
  return (taskStatuses as readonly UniqueIdentifier[]).includes(id);
}

function locate(columns: Columns, id: UniqueIdentifier) {
  if (isStatus(id)) return { status: id, index: -1 };
  for (const status of taskStatuses) {
    const index = columns[status].findIndex((task) => task.taskId === id);
    if (index >= 0) return { status, index, task: columns[status][index] as TaskCard };
  }
  return undefined;
}

/**
 * The board: three columns read from the ByStatus index, drag and drop by pointer (mouse, pen,
 * touch on the handle) and keyboard. A drop shows at once, is persisted through the move API
 * one at a time (each move names neighbours the server already knows), and is put back with a
 * spoken message when the server refuses it.
 */
export function TaskBoard({ initial, counts, noteTitles }: TaskBoardProps) {
  const router = useRouter();
  const [columns, setColumns] = useState<Columns>(() => columnsOf(initial));
  const [cursors, setCursors] = useState<Cursors>(() => cursorsOf(initial));
  const [countShift, setCountShift] = useState<Record<TaskStatus, number>>({
    todo: 0,
    "in-progress": 0,
    completed: 0,
  });
  const [activeId, setActiveId] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; tone: "error" | "info" }>();
  const [loading, setLoading] = useState<TaskStatus | null>(null);
  const before = useRef<Columns | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);
  const latest = useRef(columns);
  latest.current = columns;

  // A refresh brings the server's columns (and counts); adopt them only when nothing is in flight.
  useEffect(() => {
    // Offline, a refresh can only bring the service worker's older copy: keep what is shown.
    if (pending.current > 0 || before.current || !navigator.onLine) return;
    setColumns(columnsOf(initial));
    setCursors(cursorsOf(initial));
    setCountShift({ todo: 0, "in-progress": 0, completed: 0 });
  }, [initial]);

  // Keep what was seen for offline reading.
  useEffect(() => {
    if (isOfflineStoreAvailable()) {
      void rememberTasks(taskStatuses.flatMap((status) => columns[status])).catch(() => undefined);
    }
  }, [columns]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const placeOf = (id: UniqueIdentifier) => {
    const found = locate(latest.current, id);
    if (!found) return "nowhere";
    const size = latest.current[found.status].length;
    if (found.index < 0) return `the ${statusLabels[found.status]} column`;
    return `${statusLabels[found.status]}, position ${found.index + 1} of ${size}`;
  };
  const nameOf = (id: UniqueIdentifier) =>
    locate(latest.current, id)?.task?.description ?? "the task";

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up task ${nameOf(active.id)}, in ${placeOf(active.id)}.`,
    // Over itself is where it started: "picked up" already said so.
    onDragOver: ({ active, over }) =>
      over?.id === active.id
        ? undefined
        : over
          ? `Task ${nameOf(active.id)} is over ${placeOf(over.id)}.`
          : `Task ${nameOf(active.id)} is not over a column.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `Task ${nameOf(active.id)} dropped in ${placeOf(active.id)}.`
        : `Task ${nameOf(active.id)} dropped outside the board; it stays where it was.`,
    onDragCancel: ({ active }) => `Moving task ${nameOf(active.id)} was cancelled.`,
  };

  function onDragStart({ active }: DragStartEvent) {
    before.current = latest.current;
    setActiveId(String(active.id));
    setNotice(undefined);
  }

  /** Crossing into another column moves the card there at once, so the column makes room. */
  function onDragOver({ active, over }: DragOverEvent) {
    if (!over) return;
    setColumns((current) => {
      const from = locate(current, active.id);
      const to = locate(current, over.id);
      if (!from?.task || !to || from.status === to.status) return current;
      const target = current[to.status];
      let index = to.index < 0 ? target.length : to.index;
      const dragged = active.rect.current.translated;
      if (to.index >= 0 && dragged && dragged.top > over.rect.top + over.rect.height / 2) index++;
      return {
        ...current,
        [from.status]: current[from.status].filter((task) => task.taskId !== active.id),
        [to.status]: [
          ...target.slice(0, index),
          { ...from.task, status: to.status },
          ...target.slice(index),
        ],
      };
    });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setActiveId(null);
    const start = before.current;
    before.current = null;
    if (!start) return;
    if (!over) {
      setColumns(start);
      return;
    }
    let next = latest.current;
    const here = locate(next, active.id);
    const target = locate(next, over.id);
    if (!here?.task) return;
    if (
      target &&
      target.status === here.status &&
      target.index >= 0 &&
      target.index !== here.index
    ) {
      next = { ...next, [here.status]: arrayMove(next[here.status], here.index, target.index) };
    }
    setColumns(next);
    const origin = locate(start, active.id);
    const placed = locate(next, active.id);
    if (!origin?.task || !placed) return;
    const list = next[placed.status];
    const afterTaskId = list[placed.index - 1]?.taskId;
    const beforeTaskId = list[placed.index + 1]?.taskId;
    const was = start[origin.status];
    if (
      origin.status === placed.status &&
      was[origin.index - 1]?.taskId === afterTaskId &&
      was[origin.index + 1]?.taskId === beforeTaskId
    ) {
      return;
    }
    if (origin.status !== placed.status) {
      setCountShift((shift) => ({
        ...shift,
        [origin.status]: shift[origin.status] - 1,
        [placed.status]: shift[placed.status] + 1,
      }));
    }
    persist(origin.task, origin.status, origin.index, placed.status, {
      afterTaskId,
      beforeTaskId,
    });
  }

  function onDragCancel() {
    setActiveId(null);
    if (before.current) setColumns(before.current);
    before.current = null;
  }

  function persist(
    task: TaskCard,
    fromStatus: TaskStatus,
    fromIndex: number,
    status: TaskStatus,
    neighbours: { afterTaskId?: string; beforeTaskId?: string },
  ) {
    pending.current++;
    queue.current = queue.current.then(async () => {
      const result = await callTasksApi<Task>(`/api/tasks/${task.taskId}/move`, {
        method: "POST",
        body: { status, ...neighbours },
        optimistic: { ...task, details: "", status, updatedAt: new Date().toISOString() },
      });
      pending.current--;
      if (result.ok) {
        const { details: _details, ...moved } = result.data;
        setColumns((current) => ({
          ...current,
          [status]: current[status].map((card) => (card.taskId === task.taskId ? moved : card)),
        }));
      } else {
        // Put it back where it was; the rest of the board keeps any later moves.
        setColumns((current) => {
          const without = Object.fromEntries(
            taskStatuses.map((column) => [
              column,
              current[column].filter((card) => card.taskId !== task.taskId),
            ]),
          ) as Columns;
          const home = without[fromStatus];
          const at = Math.min(fromIndex, home.length);
          return { ...without, [fromStatus]: [...home.slice(0, at), task, ...home.slice(at)] };
        });
        if (fromStatus !== status) {
          setCountShift((shift) => ({
            ...shift,
            [fromStatus]: shift[fromStatus] + 1,
            [status]: shift[status] - 1,
          }));
        }
        setNotice({
          tone: "error",
          text: `“${task.description}” could not be moved and is back in ${statusLabels[fromStatus]}: ${result.message}`,
        });
      }
      if (pending.current === 0) refreshWhenOnline(router);
    });
  }

  async function loadMore(status: TaskStatus) {
    const cursor = cursors[status];
    if (!cursor) return;
    setLoading(status);
    const result = await callTasksApi<TaskPage>(
      `/api/tasks?status=${status}&cursor=${encodeURIComponent(cursor)}`,
    );
    setLoading(null);
    if (!result.ok) {
      setNotice({ tone: "error", text: `More tasks could not be loaded: ${result.message}` });
      return;
    }
    setColumns((current) => {
      const known = new Set(taskStatuses.flatMap((column) => current[column].map((t) => t.taskId)));
      return {
        ...current,
        [status]: [...current[status], ...result.data.items.filter((t) => !known.has(t.taskId))],
      };
    });
    setCursors((current) => ({ ...current, [status]: result.data.nextCursor }));
  }

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
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
      >
        <div className="grid gap-4 md:grid-cols-3">
          {taskStatuses.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              tasks={columns[status]}
              count={Math.max(0, counts[status] + countShift[status])}
              hasMore={Boolean(cursors[status])}
              loading={loading === status}
              onLoadMore={() => void loadMore(status)}
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
      className={isDragging ? "opacity-40" : undefined}
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
