import { noteIdParamsSchema } from "@/lib/notes/schemas";
import { restoreNoteFromTrash } from "@/lib/notes/service";
import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";

/** POST /api/notes/{noteId}/restore : back from the trash (a no-op for a live note). */
export const POST = withUserRoute(
  { params: noteIdParamsSchema, query: noQuerySchema },
  async ({ user, db, params }) => restoreNoteFromTrash(db, user.userId, params.noteId),
);
