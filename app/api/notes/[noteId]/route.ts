import {
  noteDeleteQuerySchema,
  noteIdParamsSchema,
  notePatchSchema,
  noteReadQuerySchema,
  noteVersionSchema,
} from "@/lib/notes/schemas";
import {
  deleteNoteForever,
  moveNoteToTrash,
  requireNote,
  updateNoteWithLimits,
} from "@/lib/notes/service";
import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";

export const dynamic = "force-dynamic";

/** GET /api/notes/{noteId} (?trash=1 also finds it in the trash). Another user's note is a 404. */
export const GET = withUserRoute(
  { params: noteIdParamsSchema, query: noteReadQuerySchema },
  async ({ user, db, params, query }) =>
    requireNote(db, user.userId, params.noteId, { includeTrashed: query.trash }),
);

/** PATCH /api/notes/{noteId} : only the named fields; `version` must be current, else 409. */
export const PATCH = withUserRoute(
  { params: noteIdParamsSchema, query: noQuerySchema, body: notePatchSchema },
  async ({ user, db, params, body }) => {
    const { version, ...patch } = body;
    return updateNoteWithLimits(db, user.userId, params.noteId, patch, version);
  },
);

/** DELETE /api/notes/{noteId} moves it to the trash; ?permanent=1 deletes a trashed note for good. */
export const DELETE = withUserRoute(
  { params: noteIdParamsSchema, query: noteDeleteQuerySchema, body: noteVersionSchema },
  async ({ user, db, storage, params, query, body }) => {
    if (query.permanent) {
      await deleteNoteForever(db, storage, user.userId, params.noteId);
      return new Response(null, { status: 204 });
    }
    return moveNoteToTrash(db, user.userId, params.noteId, { expectedVersion: body.version });
  },
);
