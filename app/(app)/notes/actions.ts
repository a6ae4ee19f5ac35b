"use server";

import { revalidatePath } from "next/cache";
import { noteIdParamsSchema } from "@/lib/notes/schemas";
import { deleteNoteForever, restoreNoteFromTrash } from "@/lib/notes/service";
import { withUser } from "@/lib/server/with-user";

export const restoreNoteAction = withUser(noteIdParamsSchema, async ({ noteId }, { user, db }) => {
  await restoreNoteFromTrash(db, user.userId, noteId);
  revalidatePath("/notes", "layout");
  return { ok: true, message: "Note restored." };
});

export const deleteNoteForeverAction = withUser(
  noteIdParamsSchema,
  async ({ noteId }, { user, db, storage }) => {
    await deleteNoteForever(db, storage, user.userId, noteId);
    revalidatePath("/notes", "layout");
    return { ok: true, message: "Note deleted for good." };
  },
);
