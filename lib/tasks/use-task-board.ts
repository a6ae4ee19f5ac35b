"use client";

import type { DragEndEvent, DragOverEvent, DragStartEvent } from "@dnd-kit/core";
import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useReducer, useRef } from "react";
import { isOfflineStoreAvailable, rememberTasks } from "@/lib/offline/store";
import { callTasksApi, catchUpWhenOnline, refreshWhenOnline } from "@/lib/tasks/api-client";
import {
  type BoardMove,
  type BoardPages,
  boardReducer,
  boardWindow,
  type Columns,
  initialBoard,
} from "@/lib/tasks/board-reducer";
import { type TaskStatus, taskStatuses } from "@/lib/tasks/constants";
import { positionBetween } from "@/lib/tasks/position";
import { refusalText } from "@/lib/tasks/replays";
import type { Task, TaskPage } from "@/lib/tasks/types";
import { useSeenTaskNames, useTaskReplays } from "@/lib/tasks/use-task-replays";

/**
 * The board's protocol: moves are persisted through the move API one at a time, in drop order
 * (each names neighbours the server already knows); a refused one is put back with a message,
 * now or when the outbox replays it.
 */
export function useTaskBoard(initial: BoardPages, source?: Columns) {
  const router = useRouter();
  // Drawn from the replica, the board follows it; the server's page is only re-read without one.
  const fromReplica = source !== undefined;
  const refresh = () => {
    if (!fromReplica) refreshWhenOnline(router);
  };
  // Drawn from the replica's memory, the first render already has the cards (no empty frame).
  const [state, dispatch] = useReducer(boardReducer, initial, (pages) =>
    source
      ? boardReducer(initialBoard(pages), { type: "replicaColumns", columns: source })
      : initialBoard(pages),
  );
  const latest = useRef(state);
  latest.current = state;
  const nameOf = useSeenTaskNames(Object.values(state.columns).flat());
  const queue = useRef<Promise<void>>(Promise.resolve());
  const started = useRef(new Set<number>());
  const inFlight = useRef(0);

  // A refresh brings the server's columns (and counts).
  useEffect(
    () => dispatch({ type: "serverPages", pages: initial, online: navigator.onLine }),
    [initial],
  );
  // Every change of the replica (this tab's writes, another tab's, a pull from another device);
  // the columns the board started from are in already.
  const applied = useRef(source);
  useEffect(() => {
    if (!source || source === applied.current) return;
    applied.current = source;
    dispatch({ type: "replicaColumns", columns: source });
  }, [source]);

  // Keep what was seen for offline reading, when the server drew it: the replica has it all.
  useEffect(() => {
    if (isOfflineStoreAvailable() && !fromReplica) {
      const cards = taskStatuses.flatMap((status) => state.columns[status]);
      void rememberTasks(cards).catch(() => undefined);
    }
  }, [state.columns, fromReplica]);

  // Each new drop joins the queue once.
  useEffect(() => {
    for (const move of state.moves) {
      if (started.current.has(move.id)) continue;
      started.current.add(move.id);
      inFlight.current++;
      queue.current = queue.current.then(() => persist(move));
    }
  });

  async function persist(move: BoardMove) {
    const { task, status, afterTaskId, beforeTaskId } = move;
    const result = await callTasksApi<Task>(`/api/tasks/${task.taskId}/move`, {
      method: "POST",
      body: { status, afterTaskId, beforeTaskId },
      optimistic: {
        ...task,
        details: "",
        status,
        position: droppedPosition(latest.current.columns, move) ?? task.position,
        updatedAt: new Date().toISOString(),
      },
    });
    inFlight.current--;
    if (result.ok) {
      const { details: _details, ...moved } = result.data;
      dispatch({ type: "moveSaved", moveId: move.id, task: moved });
    } else {
      dispatch({ type: "moveRefused", moveId: move.id, message: result.message });
    }
    if (inFlight.current === 0) refresh();
  }

  // A move (or other change) queued offline and refused when replayed: say so, show the server's.
  useTaskReplays((problem) => {
    const refusal =
      problem.kind === "refused"
        ? problem
        : {
            kind: "refused" as const,
            change: "edit" as const,
            taskId: problem.taskId,
            message: "it changed elsewhere; open it in the list to choose.",
          };
    dispatch({ type: "failed", text: refusalText(refusal, nameOf(refusal.taskId)) });
    catchUpWhenOnline(router, fromReplica);
  });

  async function loadMore(status: TaskStatus) {
    // The replica has every task: "Load more" only widens the column's window.
    if (fromReplica) return dispatch({ type: "showMore", status });
    const cursor = latest.current.cursors[status];
    if (!cursor) return;
    dispatch({ type: "loading", status });
    const result = await callTasksApi<TaskPage>(
      `/api/tasks?status=${status}&cursor=${encodeURIComponent(cursor)}`,
    );
    if (result.ok) dispatch({ type: "loaded", status, page: result.data });
    else dispatch({ type: "failed", text: `More tasks could not be loaded: ${result.message}` });
  }

  // Drawn from the replica, the board's first render mounts a screenful of cards per column, the
  // rest of the window in a background render right after (React renders it with the deferred
  // value): a hundred sortable cards at once held the switch to the board for hundreds of ms.
  // A server-drawn board renders whole (its HTML must hold every card, also without JS).
  const cardsShown = useDeferredValue(boardWindow, fromReplica ? firstScreenCards : boardWindow);
  const columns =
    cardsShown >= boardWindow ? state.columns : firstCardsOf(state.columns, cardsShown);

  return {
    ...state,
    columns,
    /** The state as of the last render, for dnd-kit's announcements. */
    latest: () => latest.current,
    onDragStart: ({ active }: DragStartEvent) =>
      dispatch({ type: "dragStarted", activeId: String(active.id) }),
    onDragOver: ({ active, over }: DragOverEvent) => {
      if (!over) return;
      const dragged = active.rect.current.translated;
      dispatch({
        type: "draggedOver",
        activeId: String(active.id),
        overId: String(over.id),
        below: Boolean(dragged && dragged.top > over.rect.top + over.rect.height / 2),
      });
    },
    onDragEnd: ({ active, over }: DragEndEvent) =>
      dispatch({
        type: "dropped",
        activeId: String(active.id),
        overId: over ? String(over.id) : null,
      }),
    onDragCancel: () => dispatch({ type: "dragCancelled" }),
    loadMore: (status: TaskStatus) => void loadMore(status),
  };
}

/** Cards per column in the board's first render: more than a screen holds. */
const firstScreenCards = 24;

function firstCardsOf(columns: Columns, count: number): Columns {
  return {
    todo: columns.todo.slice(0, count),
    "in-progress": columns["in-progress"].slice(0, count),
    completed: columns.completed.slice(0, count),
  };
}

/**
 * A position between the neighbours the card was dropped between, for the replica's copy until
 * the server answers with its own (the server picks it again: this one only keeps the order).
 */
function droppedPosition(columns: Columns, move: BoardMove): string | undefined {
  const column = columns[move.status];
  const after = column.find((card) => card.taskId === move.afterTaskId);
  const before = column.find((card) => card.taskId === move.beforeTaskId);
  try {
    return positionBetween(after?.position ?? null, before?.position ?? null);
  } catch {
    // Neighbours out of order (their own moves in flight): the order settles with the answers.
    return undefined;
  }
}
