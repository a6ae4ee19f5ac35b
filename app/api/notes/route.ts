import { getDatabase } from "@/lib/db/runtime";
import { noteCreateSchema, noteListQuerySchema } from "@/lib/notes/schemas";
import { createNoteWithLimits, emptyTrash, findNotes } from "@/lib/notes/service";
import { withUserRoute } from "@/lib/server/with-user";
import { getStorage } from "@/lib/storage/runtime";

export const dynamic = "force-dynamic";

/** GET /api/notes?cursor=&tag=&q=&trash= : a page of note cards and the next cursor. */
export const GET = withUserRoute({ query: noteListQuerySchema }, async ({ user, query }) =>
  findNotes(getDatabase(), user.userId, query),
);

/** POST /api/notes : 201 with the new note, or 200 with the existing one for a known noteId. */
export const POST = withUserRoute({ body: noteCreateSchema }, async ({ user, body }) => {
  const { note, created } = await createNoteWithLimits(getDatabase(), user.userId, body);
  return Response.json(note, { status: created ? 201 : 200 });
});

/**
 * DELETE /api/notes?trash=1 : deletes up to 50 notes of the trash for good (objects first, then
 * items) and answers { deleted, more, remaining }; clients repeat while `more`.
 */
export const DELETE = withUserRoute({ query: noteListQuerySchema }, async ({ user, query }) => {
  if (!query.trash) {
    return Response.json(
      {
        error: {
          code: "invalid",
          message: "Only the trash can be emptied: add ?trash=1.",
          fieldErrors: {},
        },
      },
      { status: 400 },
    );
  }
  return emptyTrash(getDatabase(), getStorage(), user.userId);
});
