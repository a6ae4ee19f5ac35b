"use client";

import { useMemo } from "react";
import { TaskFilters } from "@/components/tasks/task-filters";
import { TaskList } from "@/components/tasks/task-list";
import { TasksHeader } from "@/components/tasks/tasks-header";
import type { TaskListPage } from "@/lib/tasks/pages";
import { countsFromReplica, listFromReplica } from "@/lib/tasks/replica-view";
import { useTaskLibrary } from "@/lib/tasks/use-task-library";
import { localToday, type TaskListView as View } from "@/lib/tasks/view";

interface TaskListViewProps {
  readonly view: View;
  /** The server's page; absent when the device's replica draws the list (the server skipped it). */
  readonly server?: TaskListPage & { readonly pageSize: number };
}

/**
 * The list page: drawn from the device's replica once it is ready (filters computed here, every
 * task at hand), from the server's page until then.
 */
export function TaskListView({ view, server }: TaskListViewProps) {
  const library = useTaskLibrary();
  const fromReplica = useMemo(() => {
    if (!library) return undefined;
    const { items, focusTaskId } = listFromReplica(library.tasks, view, localToday());
    return {
      source: { items, liveIds: library.tasks.map((task) => task.taskId) },
      focusTaskId,
      counts: countsFromReplica(library.tasks),
    };
  }, [library, view]);
  const viewKey = JSON.stringify({ ...view, task: undefined });
  const noteTitles = library?.noteTitles ?? server?.noteTitles ?? {};

  return (
    <div className="space-y-6">
      <TasksHeader counts={fromReplica?.counts ?? server?.counts} current="/tasks" />
      <TaskFilters key={viewKey} view={view} />
      {view.due && view.status === "completed" && (
        <p className="text-sm text-muted">Due filters show open tasks only.</p>
      )}
      {server || fromReplica ? (
        <TaskList
          key={viewKey}
          initial={server?.items ?? []}
          source={fromReplica?.source}
          sort={view.sort}
          noteTitles={noteTitles}
          openTaskId={fromReplica?.focusTaskId ?? server?.focusTaskId}
        />
      ) : (
        <p className="text-sm text-muted">Loading tasks…</p>
      )}
      {server?.truncated && !fromReplica && (
        <p className="text-sm text-muted">
          Showing the first {server.pageSize} tasks of each kind; finish or delete some, or use the
          board to see the rest.
        </p>
      )}
    </div>
  );
}
