"use client";

import type { DragEndEvent, DragOverEvent, DragStartEvent } from "@dnd-kit/core";
import { useRouter } from "next/navigation";
import { useEffect, useReducer, useRef } from "react";
import { isOfflineStoreAvailable, rememberTasks } from "@/lib/offline/store";
import { callTasksApi, refreshWhenOnline } from "@/lib/tasks/api-client";
import {
  type BoardMove,
  type BoardPages,
  boardReducer,
  initialBoard,
} from "@/lib/tasks/board-reducer";
import { type TaskStatus, taskStatuses } from "@/lib/tasks/constants";
import { refusalText } from "@/lib/tasks/replays";
import type { Task, TaskPage } from "@/lib/tasks/types";
import { useSeenTaskNames, useTaskReplays } from "@/lib/tasks/use-task-replays";

/**
 * The board's protocol: moves are persisted through the move API one at a time, in drop order
 * (each names neighbours the server already knows); a refused one is put back with a message,
 * now or when the outbox replays it.
 */
export function useTaskBoard(initial: BoardPages) {
  const router = useRouter();
  const [state, dispatch] = useReducer(boardReducer, initial, initialBoard);
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

  // Keep what was seen for offline reading.
  useEffect(() => {
    if (isOfflineStoreAvailable()) {
      const cards = taskStatuses.flatMap((status) => state.columns[status]);
      void rememberTasks(cards).catch(() => undefined);
    }
  }, [state.columns]);

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
      optimistic: { ...task, details: "", status, updatedAt: new Date().toISOString() },
    });
    inFlight.current--;
    if (result.ok) {
      const { details: _details, ...moved } = result.data;
      dispatch({ type: "moveSaved", moveId: move.id, task: moved });
    } else {
      dispatch({ type: "moveRefused", moveId: move.id, message: result.message });
    }
    if (inFlight.current === 0) refreshWhenOnline(router);
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
    refreshWhenOnline(router);
  });

  async function loadMore(status: TaskStatus) {
    const cursor = latest.current.cursors[status];
    if (!cursor) return;
    dispatch({ type: "loading", status });
    const result = await callTasksApi<TaskPage>(
      `/api/tasks?status=${status}&cursor=${encodeURIComponent(cursor)}`,
    );
    if (result.ok) dispatch({ type: "loaded", status, page: result.data });
    else dispatch({ type: "failed", text: `More tasks could not be loaded: ${result.message}` });
  }

  return {
    ...state,
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
