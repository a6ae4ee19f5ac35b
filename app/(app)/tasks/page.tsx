import type { Metadata } from "next";
import { TaskFilters } from "@/components/tasks/task-filters";
import { TaskList } from "@/components/tasks/task-list";
import { TasksHeader } from "@/components/tasks/tasks-header";
import { requireUser } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/runtime";
import { getTask, listColumn, listDueTasks } from "@/lib/db/tasks-repository";
import { linkedNoteTitles, taskCountsOf } from "@/lib/tasks/pages";
import { taskLimits } from "@/lib/tasks/schemas";
import type { TaskCard, TaskPage } from "@/lib/tasks/types";
import { taskListViewSchema } from "@/lib/tasks/view";

export const metadata: Metadata = { title: "Tasks" };

// No loading.tsx above this page: a streamed page stays on its loading state without
// JavaScript, and the filters must work without it.

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const limit = taskLimits.maxPageSize;

export default async function TasksPage({ searchParams }: Props) {
  const user = await requireUser("/tasks");
  const params = await searchParams;
  const view = taskListViewSchema.parse(
    Object.fromEntries(
      Object.entries(params).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    ),
  );
  const db = getDatabase();
  // Due filters read the ByDue index, which holds open tasks only.
  const status = view.due && view.status === "completed" ? undefined : view.status;
  const pagesPromise: Promise<TaskPage[]> = view.due
    ? listDueTasks(db, user.userId, view.due, { today: view.today, status, limit }).then((p) => [p])
    : status
      ? listColumn(db, user.userId, status, { limit }).then((p) => [p])
      : Promise.all([
          listColumn(db, user.userId, "todo", { limit }),
          listColumn(db, user.userId, "in-progress", { limit }),
        ]);
  const [counts, pages, focus] = await Promise.all([
    taskCountsOf(db, user.userId),
    pagesPromise,
    view.task ? getTask(db, user.userId, view.task) : undefined,
  ]);
  const items: TaskCard[] = pages.flatMap((page) => page.items);
  if (focus && !focus.deletedAt && !items.some((item) => item.taskId === focus.taskId)) {
    const { details: _details, ...card } = focus;
    items.unshift(card);
  }
  const truncated = pages.some((page) => page.nextCursor);
  const noteTitles = await linkedNoteTitles(db, user.userId, items);
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
        openTaskId={focus && !focus.deletedAt ? focus.taskId : undefined}
      />
      {truncated && (
        <p className="text-sm text-muted">
          Showing the first {limit} tasks of each kind; finish or delete some, or use the board to
          see the rest.
        </p>
      )}
    </div>
  );
}
