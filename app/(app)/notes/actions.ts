"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { restoreNote } from "@/lib/db/notes-repository";
import { getDatabase } from "@/lib/db/runtime";
import { noteIdParamsSchema } from "@/lib/notes/schemas";
import { deleteNoteForever, emptyTrash } from "@/lib/notes/service";
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

export const emptyTrashAction = withUser(z.object({}), async (_input, { user }) => {
  const deleted = await emptyTrash(getDatabase(), getStorage(), user.userId);
  revalidatePath("/notes", "layout");
  return { ok: true, message: `${deleted} note${deleted === 1 ? "" : "s"} deleted for good.` };
});
