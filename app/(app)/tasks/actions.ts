"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDatabase } from "@/lib/db/runtime";
import { restoreTask } from "@/lib/db/tasks-repository";
import { ulidSchema } from "@/lib/ids";
import { withUser } from "@/lib/server/with-user";
import { descriptionSchema, taskIdParamsSchema } from "@/lib/tasks/schemas";
import { createTaskWithChecks, deleteTaskForever } from "@/lib/tasks/service";

export const restoreTaskAction = withUser(taskIdParamsSchema, async ({ taskId }, { user }) => {
  await restoreTask(getDatabase(), user.userId, taskId);
  revalidatePath("/tasks", "layout");
  return { ok: true, message: "Task restored." };
});

export const deleteTaskForeverAction = withUser(
  taskIdParamsSchema,
  async ({ taskId }, { user }) => {
    await deleteTaskForever(getDatabase(), user.userId, taskId);
    revalidatePath("/tasks", "layout");
    return { ok: true, message: "Task deleted for good." };
  },
);

const checklistTaskSchema = z.object({
  noteId: ulidSchema,
  // Made when the note page rendered: a double click or a replay creates the task only once.
  taskId: ulidSchema,
  description: descriptionSchema,
});

/** "Make a task" on a note's checklist line: a task linked to the note. */
export const makeTaskFromChecklistAction = withUser(
  checklistTaskSchema,
  async ({ noteId, taskId, description }, { user }) => {
    const { created } = await createTaskWithChecks(getDatabase(), user.userId, {
      taskId,
      description,
      noteId,
    });
    revalidatePath(`/notes/${noteId}`);
    revalidatePath("/tasks", "layout");
    return { ok: true, message: created ? "Task created." : "That task already exists." };
  },
);
