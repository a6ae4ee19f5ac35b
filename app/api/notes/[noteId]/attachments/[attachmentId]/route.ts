import { z } from "zod";
import { ulidSchema } from "@/lib/ids";
import {
  attachmentParamsSchema,
  downloadQuerySchema,
  inlineImageTypes,
  uploadRequestSchema,
} from "@/lib/notes/schemas";
import { attachmentDownloadUrl, confirmUpload, removeAttachment } from "@/lib/notes/service";
import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";

/** GET …/attachments/{attachmentId}[?inline=1] : 302 to a 60-second presigned download. */
export const GET = withUserRoute(
  { params: attachmentParamsSchema, query: downloadQuerySchema },
  async ({ user, db, storage, params, query }) => {
    const url = await attachmentDownloadUrl(
      db,
      storage,
      user.userId,
      params.noteId,
      params.attachmentId,
      query.inline,
      inlineImageTypes,
    );
    return new Response(null, {
      status: 302,
      headers: { location: url, "cache-control": "private, no-store" },
    });
  },
);

/** POST …/attachments/{attachmentId} {name, size, contentType, replaces?} : confirms an upload. */
export const POST = withUserRoute(
  {
    params: attachmentParamsSchema,
    query: noQuerySchema,
    body: uploadRequestSchema.extend({ replaces: ulidSchema.optional() }),
  },
  async ({ user, db, storage, params, body }) =>
    confirmUpload(db, storage, user.userId, params.noteId, {
      ...body,
      attachmentId: params.attachmentId,
    }),
);

/** DELETE …/attachments/{attachmentId} : removes the file from the note and from S3. */
export const DELETE = withUserRoute(
  { params: attachmentParamsSchema, query: noQuerySchema, body: z.strictObject({}) },
  async ({ user, db, storage, params }) =>
    removeAttachment(db, storage, user.userId, params.noteId, params.attachmentId),
);
