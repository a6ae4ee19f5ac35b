import type { Metadata } from "next";
import { TaskListView } from "@/components/tasks/task-list-view";
import { pageQuery } from "@/lib/schemas";
import { hasReplica, requirePageContext } from "@/lib/server/page-context";
import { taskListViewSchema } from "@/lib/tasks/list-view";
import { readTaskList } from "@/lib/tasks/pages";
import { taskLimits } from "@/lib/tasks/schemas";

export const metadata: Metadata = { title: "Tasks" };

// No loading.tsx above this page: a streamed page stays on its loading state without
// JavaScript, and the filters must work without it.

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ searchParams }: Props) {
  const { user, db } = await requirePageContext("/tasks");
  const view = taskListViewSchema.parse(pageQuery(await searchParams));
  // A device whose replica is ready draws the list (and its filters) from it: no database read.
  if (await hasReplica(user)) return <TaskListView view={view} />;
  const page = await readTaskList(db, user.userId, view);
  return <TaskListView view={view} server={{ ...page, pageSize: taskLimits.maxPageSize }} />;
}
