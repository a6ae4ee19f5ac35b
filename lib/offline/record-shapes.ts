import type { Attachment, Note } from "@/lib/notes/types";
import type { DraftRequest, NoteDraft, NoteFields } from "@/lib/offline/drafts";
import type { QueuedMutation } from "@/lib/offline/store";
import { taskPriorities, taskStatuses } from "@/lib/tasks/constants";

/**
 * What this device reads back from its own IndexedDB (outbox changes, drafts, the task bodies
 * it sent) is checked here, by small synchronous shape checks, not zod/mini: these reads run
 * at first load and offline, where a schema chunk that failed to load would stay failed for the
 * tab (Turbopack keeps a failed chunk's promise), and zod/mini's core is ~28 KB gzip of every
 * signed-in page. Each check is what the zod/mini schema it replaced checked, no less: the same
 * fields and types, unknown keys dropped, `z.number()`'s finite numbers, `z.record()`'s plain
 * objects. Answers from the server are still checked with zod/mini (lib/api/answers.ts).
 */

/** A parsed copy of the value, or undefined when it does not have the shape. */
export type Shape<T> = (value: unknown) => T | undefined;

const missing = Symbol("missing");
type Field<T> = (value: unknown) => T | typeof missing;

const is =
  <T>(test: (value: unknown) => boolean): Field<T> =>
  (value) =>
    test(value) ? (value as T) : missing;

const string: Field<string> = is((value) => typeof value === "string");
const number: Field<number> = is((value) => typeof value === "number" && Number.isFinite(value));
const boolean: Field<boolean> = is((value) => typeof value === "boolean");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Any plain object, as z.record(z.string(), z.unknown()). */
const record: Field<Record<string, unknown>> = (value) =>
  isPlainObject(value) ? { ...value } : missing;

const startsWith =
  (prefix: string): Field<string> =>
  (value) =>
    typeof value === "string" && value.startsWith(prefix) ? value : missing;

const oneOf =
  <const T extends string>(values: readonly T[]): Field<T> =>
  (value) =>
    values.includes(value as T) ? (value as T) : missing;

const nullable =
  <T>(field: Field<T>): Field<T | null> =>
  (value) =>
    value === null ? null : field(value);

const array =
  <T>(field: Field<T>): Field<T[]> =>
  (value) => {
    if (!Array.isArray(value)) return missing;
    const items: T[] = [];
    for (const item of value) {
      const parsed = field(item);
      if (parsed === missing) return missing;
      items.push(parsed);
    }
    return items;
  };

/** Marks a key as optional (absent or undefined), as z.optional. */
const optional = <T>(field: Field<T>) => ({ optional: field });
type Spec<T> = Field<T> | { optional: Field<T> };

/** An object of exactly these keys (others dropped), as z.object: typed by what it parses. */
function object<T extends object>(spec: { [K in keyof T]-?: Spec<T[K]> }): Field<T> {
  const entries = Object.entries(spec) as [string, Spec<unknown>][];
  return (value) => {
    if (!isPlainObject(value)) return missing;
    const parsed: Record<string, unknown> = {};
    for (const [key, field] of entries) {
      const item = value[key];
      if (typeof field !== "function") {
        if (item === undefined) {
          if (key in value) parsed[key] = undefined;
          continue;
        }
        const checked = field.optional(item);
        if (checked === missing) return missing;
        parsed[key] = checked;
        continue;
      }
      const checked = field(item);
      if (checked === missing) return missing;
      parsed[key] = checked;
    }
    return parsed as T;
  };
}

function shape<T>(field: Field<T>): Shape<T> {
  return (value) => {
    const parsed = field(value);
    return parsed === missing ? undefined : parsed;
  };
}

/** What a stored change must look like to be sent (another build may have written it). */
export const readMutation: Shape<QueuedMutation> = shape(
  object<QueuedMutation>({
    id: string,
    fileId: optional(string),
    method: oneOf(["POST", "PATCH", "DELETE"]),
    url: startsWith("/api/"),
    body: optional(record),
    idempotencyKey: string,
    mergeKey: optional(string),
    label: string,
    createdAt: string,
    sent: optional(boolean),
    setAside: optional(string),
  }),
);

const attachment = object<Attachment>({
  attachmentId: string,
  name: string,
  size: number,
  contentType: string,
  key: string,
});

/** A whole note, as lib/api/schemas.ts's noteSchema (kept in a draft as their version). */
const note = object<Note>({
  noteId: string,
  title: string,
  content: string,
  pinned: boolean,
  tags: array(string),
  attachments: array(attachment),
  remoteImages: boolean,
  createdAt: string,
  updatedAt: string,
  version: number,
  deletedAt: nullable(string),
});

export const readNote: Shape<Note> = shape(note);

const fields = object<NoteFields>({
  title: string,
  content: string,
  tags: array(string),
  pinned: boolean,
  remoteImages: boolean,
});

const draftRequest = object<DraftRequest>({
  method: oneOf(["POST", "PATCH"]),
  url: startsWith("/api/notes"),
  body: record,
  idempotencyKey: string,
  fields,
});

/** What a kept draft must look like to be used (another build may have written it). */
export const readStoredDraft: Shape<NoteDraft> = shape(
  object<NoteDraft>({
    noteId: string,
    fields,
    revision: string,
    base: nullable(object<{ fields: NoteFields; version: number }>({ fields, version: number })),
    inFlight: optional(draftRequest),
    conflict: optional(note),
    refused: optional(string),
    updatedAt: string,
  }),
);

/** A task PATCH body as this device sent it (read back from the outbox): only the shape. */
export interface SentTaskPatch {
  readonly version?: number;
  readonly base?: Record<string, unknown>;
  readonly description?: string;
  readonly details?: string;
  readonly status?: (typeof taskStatuses)[number];
  readonly priority?: (typeof taskPriorities)[number];
  readonly dueDate?: string | null;
  readonly noteId?: string | null;
}

export const readSentTaskPatch: Shape<SentTaskPatch> = shape(
  object<SentTaskPatch>({
    version: optional(number),
    base: optional(record),
    description: optional(string),
    details: optional(string),
    status: optional(oneOf(taskStatuses)),
    priority: optional(oneOf(taskPriorities)),
    dueDate: optional(nullable(string)),
    noteId: optional(nullable(string)),
  }),
);
