import { z } from "zod";
import { ulidSchema } from "@/lib/ids";
import { flag } from "@/lib/schemas";

import { dueFilters, taskLimits, taskPriorities, taskStatuses } from "@/lib/tasks/constants";

export {
  type DueFilter,
  dueFilters,
  type TaskPriority,
  type TaskStatus,
  taskLimits,
  taskPriorities,
  taskStatuses,
} from "@/lib/tasks/constants";

const noControlCharacters = /^[^\p{Cc}]*$/u;
const noControlExceptWhitespace = /^[\t\n\r\P{Cc}]*$/u;

export const taskStatusSchema = z.enum(taskStatuses, {
  error: "Status is todo, in-progress or completed.",
});

export const taskPrioritySchema = z.enum(taskPriorities, {
  error: "Priority is low, medium or high.",
});

export const descriptionSchema = z
  .string({ error: "Describe the task." })
  .trim()
  .min(1, "Describe the task.")
  .max(taskLimits.description, `Descriptions are at most ${taskLimits.description} characters.`)
  .regex(noControlCharacters, "Remove control characters from the description.");

/** The byte limit is checked by the service, which answers 413 rather than 400. */
export const detailsSchema = z
  .string()
  .max(taskLimits.detailsBytes * 4, "Details are limited to 20 KB.")
  .regex(noControlExceptWhitespace, "Remove control characters from the details.");

export const dueDateSchema = z.iso.date("Use a date like 2026-05-31.");

/**
 * The caller's local date for due filters. Bounded so the week after it is still a date
 * (9999-12-31 plus 7 days is not) and years before 100 are not read as 19xx.
 */
export const todaySchema = dueDateSchema.refine(
  (date) => date >= "1970-01-01" && date <= "9999-12-24",
  "Use a date between 1970-01-01 and 9999-12-24.",
);

/** `null` reads as "not given", for clients that always send every field. */
const absent = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

export const taskCreateSchema = z.strictObject({
  taskId: ulidSchema.optional(),
  description: descriptionSchema,
  details: detailsSchema.default(""),
  status: taskStatusSchema.default("todo"),
  priority: taskPrioritySchema.default("medium"),
  dueDate: absent(dueDateSchema),
  noteId: absent(ulidSchema),
});

const patchFields = ["description", "details", "status", "priority", "dueDate", "noteId"] as const;

/**
 * The value each changed field had when the client saw it (issue 13 §4): the server applies the
 * change unless another device moved one of these fields to a third value. The values come
 * from the server, so they are only checked for shape.
 */
const taskBaseSchema = z.strictObject({
  description: z.string().max(taskLimits.description).optional(),
  details: detailsSchema.optional(),
  status: taskStatusSchema.optional(),
  priority: taskPrioritySchema.optional(),
  dueDate: dueDateSchema.nullable().optional(),
  noteId: ulidSchema.nullable().optional(),
});

/**
 * Only the named fields change; `null` clears `dueDate` or `noteId`. With `base` (per field) the
 * edit merges with edits of other fields made elsewhere; with `version` alone (an outbox entry
 * queued by an earlier build) the whole task must still be at that version.
 */
export const taskPatchSchema = z
  .strictObject({
    version: z.number().int().positive().optional(),
    base: taskBaseSchema.optional(),
    description: descriptionSchema.optional(),
    details: detailsSchema.optional(),
    status: taskStatusSchema.optional(),
    priority: taskPrioritySchema.optional(),
    dueDate: dueDateSchema.nullable().optional(),
    noteId: ulidSchema.nullable().optional(),
  })
  .refine(
    (patch) => patchFields.some((field) => field in patch),
    "Name at least one field to change.",
  )
  .refine((patch) => patch.base !== undefined || patch.version !== undefined, {
    path: ["base"],
    message: "Send the changed fields' values as you saw them (base), or the version.",
  })
  .refine(
    ({ base, ...patch }) => !base || patchFields.every((field) => field in patch === field in base),
    { path: ["base"], message: "Give a base value for exactly the fields you change." },
  );

/**
 * A drag and drop: the column (`status`, default the task's own) and the neighbours it was
 * dropped between, `afterTaskId` above it and `beforeTaskId` below it. Without neighbours the
 * task goes to the end of the column.
 */
export const taskMoveSchema = z
  .strictObject({
    status: taskStatusSchema.optional(),
    afterTaskId: absent(ulidSchema),
    beforeTaskId: absent(ulidSchema),
  })
  .refine((move) => !move.afterTaskId || move.afterTaskId !== move.beforeTaskId, {
    path: ["beforeTaskId"],
    message: "The task above and the task below must differ.",
  });

export const taskListQuerySchema = z
  .strictObject({
    status: taskStatusSchema.optional(),
    due: z.enum(dueFilters, { error: "Due is overdue or week." }).optional(),
    trash: flag,
    // The caller's local date, so "overdue" follows their day rather than the server's (UTC).
    today: todaySchema.optional(),
    cursor: z.string().max(2048).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(taskLimits.maxPageSize, `At most ${taskLimits.maxPageSize} tasks per page.`)
      .optional(),
  })
  .refine((query) => !(query.trash && (query.status || query.due)), {
    path: ["trash"],
    message: "The trash cannot be filtered by status or due date.",
  })
  .refine((query) => !(query.due && query.status === "completed"), {
    path: ["status"],
    message: "Due filters list open tasks only.",
  });

export const taskIdParamsSchema = z.strictObject({ taskId: ulidSchema });

export const taskDeleteQuerySchema = z.strictObject({ permanent: flag });
