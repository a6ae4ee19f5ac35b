import { noteIdParamsSchema, uploadRequestSchema } from "@/lib/notes/schemas";
import { requestUpload } from "@/lib/notes/service";
import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";

/**
 * POST /api/notes/{noteId}/attachments {name, size, contentType} : 201 with an attachmentId and
 * a presigned PUT (url + the headers to send). The browser uploads straight to S3, then confirms.
 */
export const POST = withUserRoute(
  { params: noteIdParamsSchema, query: noQuerySchema, body: uploadRequestSchema },
  async ({ user, db, storage, params, body }) => {
    const result = await requestUpload(db, storage, user.userId, params.noteId, body);
    return Response.json(result, { status: 201 });
  },
);
