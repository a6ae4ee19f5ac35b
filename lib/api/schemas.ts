import * as z from "zod/mini";
import type { Attachment, Note, NoteCard, Page } from "@/lib/notes/types";
import { taskPriorities, taskStatuses } from "@/lib/tasks/constants";
import type { Task, TaskCard, TaskPage } from "@/lib/tasks/types";

/**
 * What the JSON API answers, as the browser checks it (lib/api/client.ts). Each schema is typed
 * by its DTO, so a DTO that changes without its schema fails the type check. `zod/mini`
 * (functions, not methods): full zod cost ~31 KB gzip. Client code reaches this module only
 * through import() (lib/api/answers.ts), so not even zod/mini is in a page's first load.
 */

export const attachmentSchema: z.ZodMiniType<Attachment> = z.object({
  attachmentId: z.string(),
  name: z.string(),
  size: z.number(),
  contentType: z.string(),
  key: z.string(),
});

export const noteSchema: z.ZodMiniType<Note> = z.object({
  noteId: z.string(),
  title: z.string(),
  content: z.string(),
  pinned: z.boolean(),
  tags: z.array(z.string()),
  attachments: z.array(attachmentSchema),
  remoteImages: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  deletedAt: z.nullable(z.string()),
});

export const noteCardSchema: z.ZodMiniType<NoteCard> = z.object({
  noteId: z.string(),
  title: z.string(),
  excerpt: z.string(),
  pinned: z.boolean(),
  tags: z.array(z.string()),
  attachmentCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  deletedAt: z.nullable(z.string()),
});

export const notePageSchema: z.ZodMiniType<Page<NoteCard>> = z.object({
  items: z.array(noteCardSchema),
  nextCursor: z.optional(z.string()),
});

const taskCardShape = {
  taskId: z.string(),
  description: z.string(),
  status: z.enum(taskStatuses),
  priority: z.enum(taskPriorities),
  dueDate: z.nullable(z.string()),
  position: z.string(),
  noteId: z.nullable(z.string()),
  completedAt: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  deletedAt: z.nullable(z.string()),
};

export const taskCardSchema: z.ZodMiniType<TaskCard> = z.object(taskCardShape);

export const taskSchema: z.ZodMiniType<Task> = z.object({ ...taskCardShape, details: z.string() });

export const taskPageSchema: z.ZodMiniType<TaskPage> = z.object({
  items: z.array(taskCardSchema),
  nextCursor: z.optional(z.string()),
});

/** Step 1 of an upload: where to PUT the file, and the id to confirm it by. */
export const uploadGrantSchema = z.object({
  attachmentId: z.string(),
  upload: z.object({ url: z.string(), headers: z.record(z.string(), z.string()) }),
});

/** One batch of "Empty trash". */
export const trashBatchSchema = z.object({
  deleted: z.number(),
  more: z.boolean(),
  remaining: z.number(),
});

/** Every refusal: `errorResponse` in lib/server/with-user.ts, plus a 409's current record. */
export const errorBodySchema = z.looseObject({
  error: z.optional(
    z.looseObject({ code: z.optional(z.string()), message: z.optional(z.string()) }),
  ),
  current: z.optional(z.unknown()),
});

/** What a change (POST, PATCH, DELETE) answers on success, by its route. */
export function changeAnswerSchema(url: string): z.ZodMiniType<unknown> {
  const path = url.split("?")[0] ?? "";
  if (/^\/api\/notes\/[^/]+\/attachments$/.test(path)) return uploadGrantSchema;
  if (path.startsWith("/api/notes")) return noteSchema;
  if (path.startsWith("/api/tasks")) return taskSchema;
  return z.unknown();
}
