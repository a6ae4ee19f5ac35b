import { z } from "zod";
import { getNote, trashNote } from "@/lib/db/notes-repository";
import { getDatabase } from "@/lib/db/runtime";
import { AppError } from "@/lib/errors";
import { flag } from "@/lib/flag";
import { noteIdParamsSchema, notePatchSchema, noteVersionSchema } from "@/lib/notes/schemas";
import { deleteNoteForever, updateNoteWithLimits } from "@/lib/notes/service";
import { withUserRoute } from "@/lib/server/with-user";
import { getStorage } from "@/lib/storage/runtime";

export const dynamic = "force-dynamic";

const includeTrashQuery = z.strictObject({
  trash: flag,
  permanent: flag,
});

/** GET /api/notes/{noteId} (?trash=1 also finds it in the trash). Another user's note is a 404. */
export const GET = withUserRoute(
  { params: noteIdParamsSchema, query: includeTrashQuery },
  async ({ user, params, query }) => {
    const note = await getNote(getDatabase(), user.userId, params.noteId, {
      includeTrashed: query.trash,
    });
    if (!note) throw new AppError("not_found", "This note does not exist.");
    return note;
  },
);

/** PATCH /api/notes/{noteId} : only the named fields; `version` must be current, else 409. */
export const PATCH = withUserRoute(
  { params: noteIdParamsSchema, body: notePatchSchema },
  async ({ user, params, body }) => {
    const { version, ...patch } = body;
    return updateNoteWithLimits(getDatabase(), user.userId, params.noteId, patch, version);
  },
);

/** DELETE /api/notes/{noteId} moves it to the trash; ?permanent=1 deletes a trashed note for good. */
export const DELETE = withUserRoute(
  { params: noteIdParamsSchema, query: includeTrashQuery, body: noteVersionSchema },
  async ({ user, params, query, body }) => {
    if (query.permanent) {
      await deleteNoteForever(getDatabase(), getStorage(), user.userId, params.noteId);
      return new Response(null, { status: 204 });
    }
    return trashNote(getDatabase(), user.userId, params.noteId, { expectedVersion: body.version });
  },
);
