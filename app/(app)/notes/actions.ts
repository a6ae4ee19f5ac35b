"use server";

import { revalidatePath } from "next/cache";
import { restoreNote } from "@/lib/db/notes-repository";
import { getDatabase } from "@/lib/db/runtime";
import { noteIdParamsSchema } from "@/lib/notes/schemas";
import { deleteNoteForever } from "@/lib/notes/service";
import { withUser } from "@/lib/server/with-user";
import { getStorage } from "@/lib/storage/runtime";

export const restoreNoteAction = withUser(noteIdParamsSchema, async ({ noteId }, { user }) => {
  await restoreNote(getDatabase(), user.userId, noteId);
  revalidatePath("/notes", "layout");
  return { ok: true, message: "Note restored." };
});

export const deleteNoteForeverAction = withUser(
  noteIdParamsSchema,
  async ({ noteId }, { user }) => {
    await deleteNoteForever(getDatabase(), getStorage(), user.userId, noteId);
    revalidatePath("/notes", "layout");
    return { ok: true, message: "Note deleted for good." };
  },
);
