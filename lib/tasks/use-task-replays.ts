"use client";

import { useEffect, useRef } from "react";
import { onSync } from "@/lib/offline/sync";
import { type ReplayProblem, replayProblemOf } from "@/lib/tasks/replays";

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
