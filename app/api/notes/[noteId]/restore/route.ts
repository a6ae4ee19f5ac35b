import { restoreNote } from "@/lib/db/notes-repository";
import { getDatabase } from "@/lib/db/runtime";
import { noteIdParamsSchema } from "@/lib/notes/schemas";
import { withUserRoute } from "@/lib/server/with-user";

/** POST /api/notes/{noteId}/restore : back from the trash (a no-op for a live note). */
export const POST = withUserRoute({ params: noteIdParamsSchema }, async ({ user, params }) =>
  restoreNote(getDatabase(), user.userId, params.noteId),
);
