import type { Metadata } from "next";
import { clearDoneAction } from "@/app/(app)/tasks/board/actions";
import { ActionButton } from "@/components/forms/action-button";
import { TaskBoard } from "@/components/tasks/task-board";
import { TasksHeader } from "@/components/tasks/tasks-header";
import { requireUser } from "@/lib/auth/session";
import { getDatabase } from "@/lib/db/runtime";
import { listColumn } from "@/lib/db/tasks-repository";
import { linkedNoteTitles, taskCountsOf } from "@/lib/tasks/pages";

export const metadata: Metadata = { title: "Task board" };

export default async function TaskBoardPage() {
  const user = await requireUser("/tasks/board");
  const db = getDatabase();
  const [counts, todo, inProgress, completed] = await Promise.all([
    taskCountsOf(db, user.userId),
    listColumn(db, user.userId, "todo"),
    listColumn(db, user.userId, "in-progress"),
    listColumn(db, user.userId, "completed"),
  ]);
  const noteTitles = await linkedNoteTitles(db, user.userId, [
    ...todo.items,
    ...inProgress.items,
    ...completed.items,
  ]);
  return (
    <div className="space-y-6">
      <TasksHeader counts={counts} current="/tasks/board" />
      <TaskBoard
        initial={{ todo, "in-progress": inProgress, completed }}
        counts={{
          todo: counts.todo,
          "in-progress": counts.inProgress,
          completed: counts.completed,
        }}
        noteTitles={noteTitles}
      />
      {completed.items.length > 0 && (
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
