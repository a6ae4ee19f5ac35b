import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { noteSchema } from "@/lib/api/schemas";
import {
  readMutation,
  readNote,
  readSentTaskPatch,
  readStoredDraft,
} from "@/lib/offline/record-shapes";
import type { QueuedMutation } from "@/lib/offline/store";
import { taskPriorities, taskStatuses } from "@/lib/tasks/constants";
import { noteFixture } from "@/lib/testing/fixtures";

/**
 * The device's record checks replaced zod/mini schemas (out of the first load): they must accept
 * and reject what those did, and read the same values. The schemas as they were are kept here.
 */
const queuedMutationSchema: z.ZodMiniType<QueuedMutation> = z.object({
  id: z.string(),
  fileId: z.optional(z.string()),
  method: z.enum(["POST", "PATCH", "DELETE"]),
  url: z.string().check(z.startsWith("/api/")),
  body: z.optional(z.record(z.string(), z.unknown())),
  idempotencyKey: z.string(),
  mergeKey: z.optional(z.string()),
  label: z.string(),
  createdAt: z.string(),
  sent: z.optional(z.boolean()),
  setAside: z.optional(z.string()),
});

const fieldsSchema = z.object({
  title: z.string(),
  content: z.string(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
  remoteImages: z.boolean(),
});

const draftSchema = z.object({
  noteId: z.string(),
  fields: fieldsSchema,
  revision: z.string(),
  base: z.nullable(z.object({ fields: fieldsSchema, version: z.number() })),
  inFlight: z.optional(
    z.object({
      method: z.enum(["POST", "PATCH"]),
      url: z.string().check(z.startsWith("/api/notes")),
      body: z.record(z.string(), z.unknown()),
      idempotencyKey: z.string(),
      fields: fieldsSchema,
    }),
  ),
  conflict: z.optional(noteSchema),
  refused: z.optional(z.string()),
  updatedAt: z.string(),
});

const replayedPatchSchema = z.object({
  version: z.optional(z.number()),
  base: z.optional(z.record(z.string(), z.unknown())),
  description: z.optional(z.string()),
  details: z.optional(z.string()),
  status: z.optional(z.enum(taskStatuses)),
  priority: z.optional(z.enum(taskPriorities)),
  dueDate: z.optional(z.nullable(z.string())),
  noteId: z.optional(z.nullable(z.string())),
});

function same(schema: z.ZodMiniType<unknown>, read: (value: unknown) => unknown, value: unknown) {
  const parsed = schema.safeParse(value);
  expect(read(value), JSON.stringify(value)).toEqual(parsed.success ? parsed.data : undefined);
  // Absent keys stay absent, present ones present (toEqual alone does not tell them apart).
  if (parsed.success && typeof parsed.data === "object" && parsed.data !== null)
    expect(Object.keys(read(value) as object).sort()).toEqual(Object.keys(parsed.data).sort());
}

const mutation = {
  id: "01J00000000000000000000000",
  method: "PATCH",
  url: "/api/tasks/01J00000000000000000000001",
  body: { status: "completed", base: { status: "todo" } },
  idempotencyKey: "k1",
  mergeKey: "PATCH /api/tasks/01J00000000000000000000001",
  label: "Edit a task",
  createdAt: "2026-01-01T00:00:00.000Z",
};
const fields = { title: "T", content: "C", tags: ["a"], pinned: false, remoteImages: false };
const draft = {
  noteId: "01J00000000000000000000002",
  fields,
  revision: "r1",
  base: { fields, version: 3 },
  updatedAt: "2026-01-01T00:00:00.000Z",
};
const note = noteFixture({
  attachments: [{ attachmentId: "a", name: "f.txt", size: 3, contentType: "text/plain", key: "k" }],
});

describe("the device's record checks read what the zod/mini schemas read", () => {
  it.each([
    mutation,
    { ...mutation, fileId: "f1", sent: true, setAside: "failed", extra: 1 },
    { ...mutation, body: undefined },
    { ...mutation, mergeKey: undefined, body: Object.create(null) },
    { ...mutation, method: "PUT" },
    { ...mutation, url: "/notes" },
    { ...mutation, body: [] },
    { ...mutation, body: new Date() },
    { ...mutation, sent: "yes" },
    { ...mutation, id: undefined },
    { ...mutation, createdAt: 5 },
    null,
    "text",
    [mutation],
  ])("queued change %#", (value) => same(queuedMutationSchema, readMutation, value));

  it.each([
    draft,
    { ...draft, base: null, refused: "Too long.", more: true },
    { ...draft, conflict: note },
    { ...draft, conflict: { ...note, version: "4" } },
    { ...draft, conflict: { ...note, deletedAt: undefined } },
    { ...draft, conflict: { ...note, attachments: [{ attachmentId: "a" }] } },
    {
      ...draft,
      inFlight: {
        method: "POST",
        url: "/api/notes",
        body: { title: "T" },
        idempotencyKey: "k",
        fields,
      },
    },
    {
      ...draft,
      inFlight: { method: "POST", url: "/api/tasks", body: {}, idempotencyKey: "k", fields },
    },
    { ...draft, fields: { ...fields, tags: ["a", 1] } },
    { ...draft, base: { fields, version: Number.POSITIVE_INFINITY } },
    { ...draft, base: { fields, version: Number.NaN } },
    { ...draft, base: undefined },
    { ...draft, updatedAt: undefined },
  ])("draft %#", (value) => same(draftSchema, readStoredDraft, value));

  it.each([note, { ...note, tags: "a" }, { ...note, pinned: 1 }, { ...note, deletedAt: "x" }])(
    "note %#",
    (value) => same(noteSchema, readNote, value),
  );

  it.each([
    {},
    { version: 3, base: { status: "todo" }, status: "completed", dueDate: null, noteId: null },
    { description: "d", details: "x", priority: "high", dueDate: "2026-01-01", other: 1 },
    { status: "done" },
    { priority: "urgent" },
    { version: "3" },
    { noteId: 5 },
    { base: [] },
    null,
  ])("task patch %#", (value) => same(replayedPatchSchema, readSentTaskPatch, value));
});
