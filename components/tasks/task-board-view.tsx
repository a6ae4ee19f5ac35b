"use client";

import { useMemo } from "react";
import { clearDoneAction } from "@/app/(app)/tasks/board/actions";
import { ActionButton } from "@/components/forms/action-button";
import { ClearDoneButton } from "@/components/tasks/clear-done-button";
import { TaskBoard } from "@/components/tasks/task-board";
import { TasksHeader } from "@/components/tasks/tasks-header";
import type { BoardPages } from "@/lib/tasks/board-reducer";
import { boardFromReplica, countsFromReplica } from "@/lib/tasks/replica-view";
import { useTaskLibrary } from "@/lib/tasks/use-task-library";
import type { TaskCounts } from "@/lib/tasks/view";

interface TaskBoardViewProps {
  /** The server's board; absent when the device's replica draws it (the server skipped it). */
  readonly server?: {
    readonly counts: TaskCounts;
    readonly columns: BoardPages;
    readonly noteTitles: Record<string, string>;
  };
}

const noPages: BoardPages = {
  todo: { items: [] },
  "in-progress": { items: [] },
  completed: { items: [] },
};

/** The board page: drawn from the device's replica once it is ready, from the server's until then. */
export function TaskBoardView({ server }: TaskBoardViewProps) {
  const library = useTaskLibrary();
  const source = useMemo(() => library && boardFromReplica(library.tasks), [library]);
  const counts = library ? countsFromReplica(library.tasks) : server?.counts;
  const anyDone = source
    ? source.completed.length > 0
    : Boolean(server?.columns.completed.items.length);
  return (
    <div className="space-y-6">
      <TasksHeader counts={counts} current="/tasks/board" />
      {server || source ? (
        <TaskBoard
          initial={server?.columns ?? noPages}
          source={source}
          counts={{
            todo: counts?.todo ?? 0,
            "in-progress": counts?.inProgress ?? 0,
            completed: counts?.completed ?? 0,
          }}
          noteTitles={library?.noteTitles ?? server?.noteTitles ?? {}}
        />
      ) : (
        <p className="text-sm text-muted">Loading tasks…</p>
      )}
      {/* Drawn from the replica, it goes through the outbox like every task change; the
          server's page keeps its form, which works without script. */}
      {anyDone && source && <ClearDoneButton done={source.completed} />}
      {anyDone && !source && (
        <ActionButton
          action={clearDoneAction}
          label="Clear done tasks"
          pendingLabel="Clearing…"
          confirm="Move every done task to Deleted tasks? You can restore them for 30 days."
        />
      )}
    </div>
  );
}
