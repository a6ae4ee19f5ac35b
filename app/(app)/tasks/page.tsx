import type { Metadata } from "next";
import { TaskFilters } from "@/components/tasks/task-filters";
import { TaskList } from "@/components/tasks/task-list";
import { TasksHeader } from "@/components/tasks/tasks-header";
import { pageQuery } from "@/lib/schemas";
import { requirePageContext } from "@/lib/server/page-context";
import { readTaskList } from "@/lib/tasks/pages";
import { taskLimits } from "@/lib/tasks/schemas";
import { taskListViewSchema } from "@/lib/tasks/view";

export const metadata: Metadata = { title: "Tasks" };

// No loading.tsx above this page: a streamed page stays on its loading state without
// JavaScript, and the filters must work without it.

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ searchParams }: Props) {
  const { user, db } = await requirePageContext("/tasks");
  const view = taskListViewSchema.parse(pageQuery(await searchParams));
  const { counts, items, truncated, noteTitles, focusTaskId } = await readTaskList(
    db,
    user.userId,
    view,
  );
  const viewKey = JSON.stringify({ ...view, task: undefined });

  return (
    <div className="space-y-6">
      <TasksHeader counts={counts} current="/tasks" />
      <TaskFilters key={viewKey} view={view} />
      {view.due && view.status === "completed" && (
        <p className="text-sm text-muted">Due filters show open tasks only.</p>
      )}
      <TaskList
        key={viewKey}
        initial={items}
        sort={view.sort}
        noteTitles={noteTitles}
        openTaskId={focusTaskId}
      />
      {truncated && (
        <p className="text-sm text-muted">
          Showing the first {taskLimits.maxPageSize} tasks of each kind; finish or delete some, or
          use the board to see the rest.
        </p>
      )}
    </div>
  );
}
