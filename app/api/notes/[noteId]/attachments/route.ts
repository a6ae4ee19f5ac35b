import { getDatabase } from "@/lib/db/runtime";
import { noteIdParamsSchema, uploadRequestSchema } from "@/lib/notes/schemas";
import { requestUpload } from "@/lib/notes/service";
import { withUserRoute } from "@/lib/server/with-user";
import { getStorage } from "@/lib/storage/runtime";

/**
 * POST /api/notes/{noteId}/attachments {name, size, contentType} : 201 with an attachmentId and
 * a presigned PUT (url + the headers to send). The browser uploads straight to S3, then confirms.
 */
export const POST = withUserRoute(
  { params: noteIdParamsSchema, body: uploadRequestSchema },
  async ({ user, params, body }) => {
    const result = await requestUpload(
      getDatabase(),
      getStorage(),
      user.userId,
      params.noteId,
      body,
    );
    return Response.json(result, { status: 201 });
  },
);
