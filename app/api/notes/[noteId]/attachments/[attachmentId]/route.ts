import { z } from "zod";
import { getDatabase } from "@/lib/db/runtime";
import { ulidSchema } from "@/lib/ids";
import {
  attachmentParamsSchema,
  downloadQuerySchema,
  inlineImageTypes,
  uploadRequestSchema,
} from "@/lib/notes/schemas";
import { attachmentDownloadUrl, confirmUpload, removeAttachment } from "@/lib/notes/service";
import { withUserRoute } from "@/lib/server/with-user";
import { getStorage } from "@/lib/storage/runtime";

/** GET …/attachments/{attachmentId}[?inline=1] : 302 to a 60-second presigned download. */
export const GET = withUserRoute(
  { params: attachmentParamsSchema, query: downloadQuerySchema },
  async ({ user, params, query }) => {
    const url = await attachmentDownloadUrl(
      getDatabase(),
      getStorage(),
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
    body: uploadRequestSchema.extend({ replaces: ulidSchema.optional() }),
  },
  async ({ user, params, body }) =>
    confirmUpload(getDatabase(), getStorage(), user.userId, params.noteId, {
      ...body,
      attachmentId: params.attachmentId,
    }),
);

/** DELETE …/attachments/{attachmentId} : removes the file from the note and from S3. */
export const DELETE = withUserRoute(
  { params: attachmentParamsSchema, body: z.strictObject({}) },
  async ({ user, params }) =>
    removeAttachment(getDatabase(), getStorage(), user.userId, params.noteId, params.attachmentId),
);
