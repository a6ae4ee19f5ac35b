import type { Metadata } from "next";
import { TaskBoardView } from "@/components/tasks/task-board-view";
import { hasReplica, requirePageContext } from "@/lib/server/page-context";
import { readTaskBoard } from "@/lib/tasks/pages";

export const metadata: Metadata = { title: "Task board" };

export default async function TaskBoardPage() {
  const { user, db } = await requirePageContext("/tasks/board");
  // A device whose replica is ready draws the board from it: no database read here.
  const server = (await hasReplica(user)) ? undefined : await readTaskBoard(db, user.userId);
  return <TaskBoardView server={server} />;
}
