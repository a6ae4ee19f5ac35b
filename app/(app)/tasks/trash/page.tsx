import type { Metadata } from "next";
import { TaskTrashView } from "@/components/tasks/task-trash-view";
import { hasReplica, requirePageContext } from "@/lib/server/page-context";
import { readDeletedTasks } from "@/lib/tasks/pages";
import { taskLimits } from "@/lib/tasks/schemas";

export const metadata: Metadata = { title: "Deleted tasks" };

export default async function DeletedTasksPage() {
  const { user, db } = await requirePageContext("/tasks/trash");
  // A device whose replica is ready draws the deleted tasks from it: no database read here.
  if (await hasReplica(user)) return <TaskTrashView />;
  const { counts, page } = await readDeletedTasks(db, user.userId);
  const more = Boolean(page.nextCursor);
  const pageSize = taskLimits.maxPageSize;
  return <TaskTrashView server={{ counts, items: page.items, more, pageSize }} />;
}
