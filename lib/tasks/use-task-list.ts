"use client";

import { useRouter } from "next/navigation";
import { useEffect, useReducer, useRef } from "react";
import { isOfflineStoreAvailable, rememberTasks } from "@/lib/offline/store";
import { callTasksApi, catchUpWhenOnline, refreshWhenOnline } from "@/lib/tasks/api-client";
import { refusalText } from "@/lib/tasks/replays";
import {
  initialList,
  type TaskPlace,
  taskListReducer,
  toggledStatus,
} from "@/lib/tasks/task-list-reducer";
import type { Task, TaskCard } from "@/lib/tasks/types";

/** The list's tasks as the replica has them: the view's own, and every live task's id. */
export interface ReplicaSource {
  readonly items: readonly TaskCard[];
  readonly liveIds: readonly string[];
}

import { useSeenTaskNames, useTaskReplays } from "@/lib/tasks/use-task-replays";
import { placeInColumn } from "@/lib/tasks/view";

/**
 * The task list's protocol: each change is shown at once and saved through the JSON API (or
 * queued offline), then the page is refreshed so counts and filters follow. Changes replayed
 * later that the server refuses are reported; an edit that met a newer version opens its
 * editor with the choice.
 */
export function useTaskList(
  initial: readonly TaskCard[],
  openTaskId?: string,
  source?: ReplicaSource,
) {
  const router = useRouter();
  const [state, dispatch] = useReducer(taskListReducer, undefined, () =>
    initialList(source?.items ?? initial, openTaskId),
  );
  const latest = useRef(state);
  latest.current = state;
  const nameOf = useSeenTaskNames(state.items);
  // Drawn from the replica, the view follows it; the server's page is only re-read without one.
  const fromReplica = source !== undefined;
  const refresh = () => {
    if (!fromReplica) refreshWhenOnline(router);
  };

  useEffect(() => {
    if (!fromReplica) dispatch({ type: "serverList", initial });
  }, [initial, fromReplica]);
  // The replica's list the view started from is in already.
  const applied = useRef(source);
  useEffect(() => {
    if (!source || source === applied.current) return;
    applied.current = source;
    dispatch({ type: "replicaList", items: source.items, liveIds: source.liveIds });
  }, [source]);
  // A task named in the address, found once the replica has been read.
  useEffect(() => {
    if (openTaskId) dispatch({ type: "opened", taskId: openTaskId });
  }, [openTaskId]);

  // Keep what was seen for offline reading, when the server drew it: the replica has it all.
  useEffect(() => {
    if (isOfflineStoreAvailable() && !fromReplica)
      void rememberTasks(state.items).catch(() => undefined);
  }, [state.items, fromReplica]);

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
    catchUpWhenOnline(router, fromReplica);
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
      refresh();
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
    refresh();
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
    refresh();
  }

  async function restore(taskId: string) {
    const result = await callTasksApi<Task>(`/api/tasks/${taskId}/restore`, { method: "POST" });
    if (!result.ok) {
      dispatch({ type: "failed", message: result.message });
      return;
    }
    dispatch({ type: "restored", task: result.data });
    refresh();
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
      refresh();
    },
    saved: (task: Task) => {
      dispatch({ type: "saved", task });
      refresh();
    },
  };
}
