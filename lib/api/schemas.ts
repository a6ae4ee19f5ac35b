import { z } from "zod";
import type { Attachment, Note, NoteCard, Page } from "@/lib/notes/types";
import { taskPriorities, taskStatuses } from "@/lib/tasks/schemas";
import type { Task, TaskCard, TaskPage } from "@/lib/tasks/types";

/**
 * What the JSON API answers, as the browser checks it (lib/api/client.ts) and as the device
 * checks what it kept (lib/offline/). Each schema is typed by its DTO, so a DTO that changes
 * without its schema fails the type check.
 */

export const attachmentSchema: z.ZodType<Attachment> = z.object({
  attachmentId: z.string(),
  name: z.string(),
  size: z.number(),
  contentType: z.string(),
  key: z.string(),
});

export const noteSchema: z.ZodType<Note> = z.object({
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
  deletedAt: z.string().nullable(),
});

export const noteCardSchema: z.ZodType<NoteCard> = z.object({
  noteId: z.string(),
  title: z.string(),
  excerpt: z.string(),
  pinned: z.boolean(),
  tags: z.array(z.string()),
  attachmentCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  deletedAt: z.string().nullable(),
});

export const notePageSchema: z.ZodType<Page<NoteCard>> = z.object({
  items: z.array(noteCardSchema),
  nextCursor: z.string().optional(),
});

const taskCardShape = {
  taskId: z.string(),
  description: z.string(),
  status: z.enum(taskStatuses),
  priority: z.enum(taskPriorities),
  dueDate: z.string().nullable(),
  position: z.string(),
  noteId: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  deletedAt: z.string().nullable(),
};

export const taskCardSchema: z.ZodType<TaskCard> = z.object(taskCardShape);

export const taskSchema: z.ZodType<Task> = z.object({ ...taskCardShape, details: z.string() });

export const taskPageSchema: z.ZodType<TaskPage> = z.object({
  items: z.array(taskCardSchema),
  nextCursor: z.string().optional(),
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
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional() }).optional(),
  current: z.unknown().optional(),
});

/** What a change (POST, PATCH, DELETE) answers on success, by its route. */
export function changeAnswerSchema(url: string): z.ZodType<unknown> {
  const path = url.split("?")[0] ?? "";
  if (/^\/api\/notes\/[^/]+\/attachments$/.test(path)) return uploadGrantSchema;
  if (path.startsWith("/api/notes")) return noteSchema;
  if (path.startsWith("/api/tasks")) return taskSchema;
  return z.unknown();
}
