"use client";

import { useEffect, useRef } from "react";
import { onSync } from "@/lib/offline/sync";
import { type ReplayProblem, replayProblemOf } from "@/lib/tasks/replays";
import type { TaskCard } from "@/lib/tasks/types";

/** Calls `onProblem` for each task change the outbox replayed and the server did not apply. */
export function useTaskReplays(onProblem: (problem: ReplayProblem) => void): void {
  const latest = useRef(onProblem);
  latest.current = onProblem;
  useEffect(
    () =>
      onSync((event) => {
        const problem = replayProblemOf(event);
        if (!problem) return false;
        latest.current(problem);
        return true;
      }),
    [],
  );
}

/**
 * The name of every task the view has shown, by id: a refused replay can then name a task that
 * a refresh (another device deleted it, say) has already taken off the view.
 */
export function useSeenTaskNames(
  tasks: Iterable<TaskCard>,
): (taskId: string | undefined) => string | undefined {
  const names = useRef(new Map<string, string>());
  for (const task of tasks) names.current.set(task.taskId, task.description);
  return (taskId) => (taskId ? names.current.get(taskId) : undefined);
}
