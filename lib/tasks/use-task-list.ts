"use client";

import { useRouter } from "next/navigation";
import { useEffect, useReducer, useRef } from "react";
import { isOfflineStoreAvailable, rememberTasks } from "@/lib/offline/store";
import { callTasksApi, refreshWhenOnline } from "@/lib/tasks/api-client";
import { refusalText } from "@/lib/tasks/replays";
import {
  initialList,
  type TaskPlace,
  taskListReducer,
  toggledStatus,
} from "@/lib/tasks/task-list-reducer";
import type { Task, TaskCard } from "@/lib/tasks/types";
import { useSeenTaskNames, useTaskReplays } from "@/lib/tasks/use-task-replays";
import { placeInColumn } from "@/lib/tasks/view";

/**
 * The task list's protocol: each change is shown at once and saved through the JSON API (or
 * queued offline), then the page is refreshed so counts and filters follow. Changes replayed
 * later that the server refuses are reported; an edit that met a newer version opens its
 * editor with the choice.
 */
export function useTaskList(initial: readonly TaskCard[], openTaskId?: string) {
  const router = useRouter();
  const [state, dispatch] = useReducer(taskListReducer, undefined, () =>
    initialList(initial, openTaskId),
  );
  const latest = useRef(state);
  latest.current = state;
  const nameOf = useSeenTaskNames(state.items);

  useEffect(() => dispatch({ type: "serverList", initial }), [initial]);

  // Keep what was seen for offline reading.
  useEffect(() => {
    if (isOfflineStoreAvailable()) void rememberTasks(state.items).catch(() => undefined);
  }, [state.items]);

  useTaskReplays((problem) => {
    if (problem.kind === "conflict") {
      dispatch({ type: "replayConflicted", replay: problem });
      return;
    }
    dispatch({
      type: "failed",
      message: refusalText(problem, nameOf(problem.taskId)),
    });
    // The list then shows what the server kept.
    refreshWhenOnline(router);
  });

  async function toggleDone(task: TaskCard) {
    const status = toggledStatus(task);
    // Where it sat, for Undo: completing moves it to the end of the Done column.
    const place = placeInColumn(latest.current.items, task);
    dispatch({ type: "toggling", task });
    const now = new Date().toISOString();
    const result = await callTasksApi<Task>(`/api/tasks/${task.taskId}`, {
      method: "PATCH",
      body: { base: { status: task.status }, status },
      optimistic: {
        ...task,
        details: "",
        status,
        completedAt: status === "completed" ? now : null,
        updatedAt: now,
      },
    });
    if (result.ok) {
      dispatch({ type: "toggled", before: task, task: result.data, place });
      refreshWhenOnline(router);
    } else if (result.current) {
      dispatch({ type: "toggleConflicted", before: task, current: result.current });
    } else {
      dispatch({ type: "toggleFailed", before: task, message: result.message });
    }
  }

  /** Undo of a completion: its old status, between the neighbours it had there. */
  async function putBack(before: TaskCard, place: TaskPlace) {
    const move = (body: Record<string, unknown>) =>
      callTasksApi<Task>(`/api/tasks/${before.taskId}/move`, {
        method: "POST",
        body: { status: before.status, ...body },
        optimistic: { ...before, details: "", updatedAt: new Date().toISOString() },
      });
    let result = await move(place);
    // A neighbour moved meanwhile: the old status still matters more than the exact spot.
    if (!result.ok && result.status === 409) result = await move({});
    if (!result.ok) {
      dispatch({ type: "failed", message: result.message });
      return;
    }
    dispatch({ type: "putBack", before, task: result.data });
    refreshWhenOnline(router);
  }

  async function trash(task: TaskCard) {
    const result = await callTasksApi<Task>(`/api/tasks/${task.taskId}`, {
      method: "DELETE",
      optimistic: { ...task, details: "", deletedAt: new Date().toISOString() },
    });
    if (!result.ok) {
      dispatch({ type: "failed", message: result.message });
      return;
    }
    dispatch({ type: "trashed", task });
    refreshWhenOnline(router);
  }

  async function restore(taskId: string) {
    const result = await callTasksApi<Task>(`/api/tasks/${taskId}/restore`, { method: "POST" });
    if (!result.ok) {
      dispatch({ type: "failed", message: result.message });
      return;
    }
    dispatch({ type: "restored", task: result.data });
    refreshWhenOnline(router);
  }

  return {
    ...state,
    toggleDone: (task: TaskCard) => void toggleDone(task),
    trash: (task: TaskCard) => void trash(task),
    undo: () => {
      const undo = latest.current.notice?.undo;
      if (undo?.kind === "complete") void putBack(undo.task, undo.place);
      else if (undo?.kind === "trash") void restore(undo.taskId);
    },
    toggleOpen: (taskId: string) =>
      dispatch({
        type: "opened",
        taskId: latest.current.openId === taskId ? undefined : taskId,
      }),
    close: () => dispatch({ type: "opened" }),
    added: (task: Task) => {
      dispatch({ type: "added", task });
      refreshWhenOnline(router);
    },
    saved: (task: Task) => {
      dispatch({ type: "saved", task });
      refreshWhenOnline(router);
    },
  };
}
