import type { Metadata } from "next";
import { clearDoneAction } from "@/app/(app)/tasks/board/actions";
import { ActionButton } from "@/components/forms/action-button";
import { TaskBoard } from "@/components/tasks/task-board";
import { TasksHeader } from "@/components/tasks/tasks-header";
import { requirePageContext } from "@/lib/server/page-context";
import { readTaskBoard } from "@/lib/tasks/pages";

export const metadata: Metadata = { title: "Task board" };

export default async function TaskBoardPage() {
  const { user, db } = await requirePageContext("/tasks/board");
  const { counts, columns, noteTitles } = await readTaskBoard(db, user.userId);
  return (
    <div className="space-y-6">
      <TasksHeader counts={counts} current="/tasks/board" />
      <TaskBoard
        initial={columns}
        counts={{
          todo: counts.todo,
          "in-progress": counts.inProgress,
          completed: counts.completed,
        }}
        noteTitles={noteTitles}
      />
      {columns.completed.items.length > 0 && (
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
