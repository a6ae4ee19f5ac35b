import { AppError } from "@/lib/errors";
import { noteCreateSchema, noteListQuerySchema } from "@/lib/notes/schemas";
import { createNoteWithLimits, emptyTrash, findNotes } from "@/lib/notes/service";
import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";

export const dynamic = "force-dynamic";

/** GET /api/notes?cursor=&tag=&q=&trash= : a page of note cards and the next cursor. */
export const GET = withUserRoute({ query: noteListQuerySchema }, async ({ user, db, query }) =>
  findNotes(db, user.userId, query),
);

/** POST /api/notes : 201 with the new note, or 200 with the existing one for a known noteId. */
export const POST = withUserRoute(
  { query: noQuerySchema, body: noteCreateSchema },
  async ({ user, db, body }) => {
    const { note, created } = await createNoteWithLimits(db, user.userId, body);
    return Response.json(note, { status: created ? 201 : 200 });
  },
);

/**
 * DELETE /api/notes?trash=1 : deletes up to 50 notes of the trash for good (objects first, then
 * items) and answers { deleted, more, remaining }; clients repeat while `more`.
 */
export const DELETE = withUserRoute(
  { query: noteListQuerySchema },
  async ({ user, db, storage, query }) => {
    if (!query.trash) throw new AppError("invalid", "Only the trash can be emptied: add ?trash=1.");
    return emptyTrash(db, storage, user.userId);
  },
);
