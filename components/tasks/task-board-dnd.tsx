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
import { CardBody, CardHandle, CardList, ColumnFrame } from "@/components/tasks/board-parts";
import { columnCount, locate, nameOf, placeOf } from "@/lib/tasks/board-reducer";
import { type TaskStatus, taskStatuses } from "@/lib/tasks/constants";
import type { TaskCard } from "@/lib/tasks/types";
import type { useTaskBoard } from "@/lib/tasks/use-task-board";

/**
 * The board's drag layer: dnd-kit (~20 KB gzip) with pointer (mouse, pen, touch on the handle)
 * and keyboard sensors. Loaded at the first sign of intent or soon after the page's load
 * (components/tasks/task-board.tsx), so the board's first paint and hydration carry none of it.
 */
export interface DragBoardProps {
  readonly board: ReturnType<typeof useTaskBoard>;
  readonly counts: Readonly<Record<TaskStatus, number>>;
  readonly noteTitles: Readonly<Record<string, string>>;
}

export function DragBoard({ board, counts, noteTitles }: DragBoardProps) {
  const { columns, cursors, activeId, loading } = board;
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
          <ColumnFrame
            key={status}
            status={status}
            count={columnCount(board, status, counts[status])}
            hasMore={Boolean(cursors[status])}
            loading={loading === status}
            onLoadMore={() => board.loadMore(status)}
          >
            <DroppableList status={status} tasks={columns[status]} noteTitles={noteTitles} />
          </ColumnFrame>
        ))}
      </div>
      <DragOverlay>
        {active ? <CardBody task={active} noteTitles={noteTitles} overlay /> : null}
      </DragOverlay>
    </DndContext>
  );
}

function DroppableList({
  status,
  tasks,
  noteTitles,
}: {
  readonly status: TaskStatus;
  readonly tasks: readonly TaskCard[];
  readonly noteTitles: Readonly<Record<string, string>>;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  return (
    <SortableContext
      id={status}
      items={tasks.map((task) => task.taskId)}
      strategy={verticalListSortingStrategy}
    >
      <CardList status={status} empty={tasks.length === 0} isOver={isOver} listRef={setNodeRef}>
        {tasks.map((task) => (
          <SortableCard key={task.taskId} task={task} noteTitles={noteTitles} />
        ))}
      </CardList>
    </SortableContext>
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
        handle={<CardHandle task={task} ref={setActivatorNodeRef} {...attributes} {...listeners} />}
      />
    </li>
  );
}
