"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ulidSchema } from "@/lib/ids";
import { withUser } from "@/lib/server/with-user";
import { descriptionSchema, taskIdParamsSchema } from "@/lib/tasks/schemas";
import { createTaskWithChecks, deleteTaskForever, restoreTaskFromTrash } from "@/lib/tasks/service";

export const restoreTaskAction = withUser(taskIdParamsSchema, async ({ taskId }, { user, db }) => {
  await restoreTaskFromTrash(db, user.userId, taskId);
  revalidatePath("/tasks", "layout");
  return { ok: true, message: "Task restored." };
});

export const deleteTaskForeverAction = withUser(
  taskIdParamsSchema,
  async ({ taskId }, { user, db }) => {
    await deleteTaskForever(db, user.userId, taskId);
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
  async ({ noteId, taskId, description }, { user, db }) => {
    const { created } = await createTaskWithChecks(db, user.userId, {
      taskId,
      description,
      noteId,
    });
    revalidatePath(`/notes/${noteId}`);
    revalidatePath("/tasks", "layout");
    return { ok: true, message: created ? "Task created." : "That task already exists." };
  },
);
