import type { Note } from "@/lib/notes/types";
import {
  applyChanges,
  clearPending,
  readNote,
  readTask,
  setPending,
  storeAnswer,
} from "@/lib/replica/store";
import type { SyncChange } from "@/lib/sync/types";
import type { Task } from "@/lib/tasks/types";

/**
 * Writes land in the device's replica at once (issue 13): the one seam that both the outbox
 * (lib/offline/sync.ts, a change sent now or queued) and the typed API client call.
 *
 * - `landWrite` before a change goes out: the record as the change will make it is kept in the
 *   replica's `pending` overlay, so every view (any tab) shows it at once, offline too.
 * - `settleWrite` when the server answered: an accepted change's answer (the record) goes into
 *   the replica and the overlay entry goes; a refused one only loses its overlay entry, which
 *   rolls the views back to the replica's record (the caller's message path says why).
 *
 * An overlay entry is named by the change's idempotency key. The outbox folds edits of one task
 * into the change already waiting, under the newest edit's key, so the entry a record shows is
 * always the newest change's and is cleared when that change (folded or not) is answered; an
 * older change answered meanwhile leaves it in place.
 */
export interface LocalChange {
  readonly method: "POST" | "PATCH" | "DELETE";
  readonly url: string;
  readonly body?: Record<string, unknown>;
  /** Names the change's overlay entry; a change sent without one (the API client) has none. */
  readonly idempotencyKey?: string;
}

export type Outcome = { readonly ok: true; readonly body: unknown } | { readonly ok: false };

export interface Target {
  readonly kind: "note" | "task";
  readonly id: string;
}

type RecordOf<K extends Target["kind"]> = K extends "note" ? Note : Task;

const changeUrl =
  /^\/api\/(notes|tasks)(?:\/([^/?]+)(?:\/(move|restore|attachments)(?:\/[^/?]+)?)?)?(?:\?(.*))?$/;

/** The record a change is about, from its URL (or, for a create, the id it names). */
export function targetOf(change: Pick<LocalChange, "url" | "body">): Target | undefined {
  const match = changeUrl.exec(change.url);
  if (!match) return undefined;
  const kind = match[1] === "notes" ? "note" : "task";
  const named = change.body?.[kind === "note" ? "noteId" : "taskId"];
  const id = match[2] ?? (typeof named === "string" ? named : undefined);
  return id ? { kind, id } : undefined;
}

function isPermanent(url: string): boolean {
  return /[?&]permanent=(1|true)(&|$)/.test(url);
}

const taskFields = ["description", "details", "status", "priority", "dueDate", "noteId"] as const;
const noteFields = ["title", "content", "tags", "pinned", "remoteImages"] as const;

function picked(
  body: Record<string, unknown> | undefined,
  fields: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => body && f in body).map((f) => [f, body?.[f]]));
}

/**
 * What the device can tell of a change's outcome before the server answers, from the record as
 * the replica has it: `null` for gone for good, `undefined` when it cannot tell (then nothing
 * is overlaid). Callers that know better (a task view's optimistic task) pass their own.
 */
export function expectedRecord(
  change: Pick<LocalChange, "method" | "url" | "body">,
  target: Target,
  current: Note | Task | undefined,
  now: string,
): Note | Task | null | undefined {
  const { method, url, body } = change;
  if (method === "DELETE" && isPermanent(url)) return null;
  if (url.includes("/attachments")) return undefined;
  if (!current) {
    // A note created offline (before its text or a file): an empty note until the server's.
    if (target.kind === "note" && method === "POST" && !url.includes("/restore")) {
      const fields = picked(body, noteFields);
      return {
        noteId: target.id,
        title: "",
        content: "",
        tags: [],
        pinned: false,
        remoteImages: false,
        attachments: [],
        createdAt: now,
        updatedAt: now,
        version: 0,
        deletedAt: null,
        ...fields,
      } as Note;
    }
    return undefined;
  }
  if (method === "DELETE") return { ...current, deletedAt: now, updatedAt: now };
  if (url.includes("/restore")) return { ...current, deletedAt: null, updatedAt: now };
  const fields = picked(body, target.kind === "task" ? taskFields : noteFields);
  if (method === "PATCH" || url.endsWith("/move")) {
    return { ...current, ...fields, updatedAt: now } as Note | Task;
  }
  return undefined;
}

/** The record in a server's answer to a change, when it is the target's (or null: gone). */
export function answerRecord(
  change: Pick<LocalChange, "method" | "url">,
  target: Target,
  body: unknown,
): Note | Task | null | undefined {
  if (change.method === "DELETE" && isPermanent(change.url)) return null;
  const record = body as Partial<Note & Task> | null | undefined;
  if (typeof record !== "object" || record === null || typeof record.version !== "number") {
    return undefined;
  }
  const id = target.kind === "note" ? record.noteId : record.taskId;
  if (id !== target.id) return undefined;
  if (target.kind === "note" && typeof record.content !== "string") return undefined;
  if (target.kind === "task" && typeof record.description !== "string") return undefined;
  return record as Note | Task;
}

function asChange(target: Target, record: null): SyncChange {
  // `seq` orders the feed's own changes; a write's answer is not one of them.
  return target.kind === "note"
    ? { seq: 0, kind: "note", id: target.id, note: record }
    : { seq: 0, kind: "task", id: target.id, task: record };
}

async function currentOf<K extends Target["kind"]>(
  target: Target & { kind: K },
): Promise<RecordOf<K> | undefined> {
  const record = target.kind === "note" ? await readNote(target.id) : await readTask(target.id);
  return (record ?? undefined) as RecordOf<K> | undefined;
}

/**
 * A task view's optimistic task is drawn from a card, which has no details: the details the
 * replica has stay unless the change sends new ones.
 */
export function withKeptDetails(
  change: Pick<LocalChange, "body">,
  optimistic: Note | Task | null,
  current: Note | Task | undefined,
): Note | Task | null {
  if (!optimistic || !current || !("taskId" in optimistic) || !("taskId" in current)) {
    return optimistic;
  }
  if (change.body && "details" in change.body) return optimistic;
  return { ...optimistic, details: current.details };
}

/** Failing to keep the overlay must never stop the change itself: the pull catches up. */
async function quietly(work: () => Promise<void>): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  try {
    await work();
  } catch {
    // The replica is missing or being wiped: the views fall back to the server.
  }
}

/** Before a change goes out (or into the outbox): show its outcome in the replica at once. */
export function landWrite(
  change: LocalChange & { readonly idempotencyKey: string },
  optimistic?: Note | Task | null,
): Promise<void> {
  return quietly(async () => {
    const target = targetOf(change);
    if (!target) return;
    const current = await currentOf(target);
    const record =
      optimistic !== undefined
        ? withKeptDetails(change, optimistic, current)
        : expectedRecord(change, target, current, new Date().toISOString());
    if (record === undefined) return;
    await setPending(target.kind, target.id, record, change.idempotencyKey);
  });
}

/** The server answered the change: keep what it kept, and drop the change's overlay. */
export function settleWrite(change: LocalChange, outcome: Outcome): Promise<void> {
  return quietly(async () => {
    const target = targetOf(change);
    const record = outcome.ok && target ? answerRecord(change, target, outcome.body) : undefined;
    // The record and the overlay's end in one transaction: no view sees the old record between.
    if (target && record) return storeAnswer(target.kind, record, change.idempotencyKey);
    if (target && record === null) await applyChanges([asChange(target, null)]);
    if (change.idempotencyKey) await clearPending(change.idempotencyKey);
  });
}
