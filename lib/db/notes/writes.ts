import "server-only";
import { ulid } from "ulid";
import {
  derivedText,
  liveListKey,
  type NoteItem,
  noteConflict,
  readNote,
  readNoteItem,
  sortedTags,
  tagSet,
  toNote,
  trashListKey,
} from "@/lib/db/notes/mapping";
import {
  expiresAtFor,
  notFound,
  type RecordWrite,
  retryLostRaces,
  writeRecord,
} from "@/lib/db/records";
import type { Database } from "@/lib/db/runtime";
import { again, lostRace, type WriteItem } from "@/lib/db/transact";
import { type CounterChange, counterMoves, noteCounterOf } from "@/lib/db/user-counters";
import { AppError } from "@/lib/errors";
import type { Attachment, Note } from "@/lib/notes/types";

export interface NewNote {
  readonly noteId?: string;
  readonly title: string;
  readonly content: string;
  readonly pinned: boolean;
  readonly tags: readonly string[];
}

export interface NotePatch {
  readonly title?: string;
  readonly content?: string;
  readonly pinned?: boolean;
  readonly tags?: readonly string[];
  readonly remoteImages?: boolean;
}

/**
 * Notes one account may hold, live and in the trash, each. Checked on the counters in the same
 * transaction as the write, so racing creates cannot pass it. 20,000 leaves room for the
 * 10,000-note scale bench and years of daily notes; past it the work per account (search,
 * account deletion) stops being small.
 */
export const notesPerAccount = 20_000;

/** The counter moves of a note going from `before` to `after`, capped where it lands. */
function noteCounters(
  before: { deletedAt?: string } | undefined,
  after: { deletedAt?: string } | undefined,
): CounterChange {
  const landing = after && noteCounterOf(after);
  return {
    changes: counterMoves(before && noteCounterOf(before), landing),
    ...(landing && {
      cap: {
        counter: landing,
        limit: notesPerAccount,
        what: landing === "noteCount" ? "notes" : "notes in the trash",
      },
    }),
  };
}

function writeNote(
  db: Database,
  userId: string,
  item: WriteItem,
  counters?: CounterChange,
): Promise<"done" | "lost"> {
  const write: RecordWrite = { kind: "note", userId, item, ...(counters && { counters }) };
  return writeRecord(db, write);
}

/**
 * Creates a note, counting it on the user item in the same transaction. Idempotent on
 * `noteId`: a retried create (an offline client replaying) returns the existing note.
 */
export async function createNote(
  db: Database,
  userId: string,
  input: NewNote,
  now = new Date(),
): Promise<{ note: Note; created: boolean }> {
  const noteId = input.noteId ?? ulid(now.getTime());
  const at = now.toISOString();
  const item: NoteItem = {
    userId,
    noteId,
    title: input.title,
    content: input.content,
    pinned: input.pinned,
    tags: tagSet(input.tags),
    attachments: [],
    attachmentCount: 0,
    attachmentsRevision: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
    listKey: liveListKey(input.pinned, at, noteId),
    ...derivedText(input.content),
  };
  const put = {
    Put: {
      TableName: db.tables.Notes,
      Item: item,
      ConditionExpression: "attribute_not_exists(noteId)",
    },
  };
  if ((await writeNote(db, userId, put, noteCounters(undefined, item))) === "done") {
    return { note: toNote(item), created: true };
  }
  const existing = await readNoteItem(db, userId, noteId);
  if (!existing) throw lostRace();
  return { note: toNote(existing), created: false };
}

/** Why a conditional write on a live note failed: gone or trashed (404), or changed (409). */
async function explainFailedWrite(db: Database, userId: string, noteId: string, now: Date) {
  const current = await readNote(db, userId, noteId, now);
  if (!current || current.deletedAt) return notFound("note");
  return noteConflict(current);
}

/**
 * Applies the named fields only, if the note is still at `expectedVersion`; a stale version
 * gets a 409 carrying the current note, never a silent overwrite. Attachments are left alone
 * (they change under their own revision).
 */
export async function updateNote(
  db: Database,
  userId: string,
  noteId: string,
  patch: NotePatch,
  expectedVersion: number,
  now = new Date(),
): Promise<Note> {
  const item = await readNote(db, userId, noteId, now);
  if (!item || item.deletedAt) throw notFound("note");
  if (item.version !== expectedVersion) throw noteConflict(item);

  const title = patch.title ?? item.title;
  const content = patch.content ?? item.content;
  const pinned = patch.pinned ?? item.pinned;
  const tags = patch.tags ?? sortedTags(item.tags);
  const updatedAt = now.toISOString();
  const next: NoteItem = {
    ...item,
    title,
    content,
    pinned,
    tags: tagSet(tags),
    remoteImages: patch.remoteImages ?? item.remoteImages ?? false,
    updatedAt,
    version: expectedVersion + 1,
    listKey: liveListKey(pinned, updatedAt, noteId),
    ...derivedText(content),
  };
  const changed = [
    "title",
    "content",
    "pinned",
    "remoteImages",
    "updatedAt",
    "listKey",
    "excerpt",
    "version",
    ...(next.tags ? ["tags"] : []),
  ] as const;
  const update = {
    Update: {
      TableName: db.tables.Notes,
      Key: { userId, noteId },
      // `searchText` is the body's lower-cased copy items from before issue 14 carry: an edit
      // drops it (free: an update is billed on the larger of the old and new item anyway).
      UpdateExpression: `SET ${changed.map((name) => `${name} = :${name}`).join(", ")} REMOVE ${
        next.tags ? "" : "tags, "
      }searchText`,
      ConditionExpression: "version = :expected AND attribute_not_exists(deletedAt)",
      ExpressionAttributeValues: {
        ...Object.fromEntries(changed.map((name) => [`:${name}`, next[name as keyof NoteItem]])),
        ":expected": expectedVersion,
      },
    },
  };
  if ((await writeNote(db, userId, update)) === "lost") {
    throw await explainFailedWrite(db, userId, noteId, now);
  }
  return toNote(next);
}

/** Moves a note to the trash for 30 days. Trashing a trashed note is a no-op (safe to replay). */
export function trashNote(
  db: Database,
  userId: string,
  noteId: string,
  options: { expectedVersion?: number; now?: Date } = {},
): Promise<Note> {
  const now = options.now ?? new Date();
  return retryLostRaces(async () => {
    const item = await readNote(db, userId, noteId, now);
    if (!item) throw notFound("note");
    if (item.deletedAt) return toNote(item);
    if (options.expectedVersion !== undefined && item.version !== options.expectedVersion) {
      throw noteConflict(item);
    }
    const deletedAt = now.toISOString();
    const update = {
      Update: {
        TableName: db.tables.Notes,
        Key: { userId, noteId },
        UpdateExpression: "SET deletedAt = :deletedAt, expiresAt = :expiresAt, listKey = :listKey",
        ConditionExpression:
          "attribute_exists(noteId) AND attribute_not_exists(deletedAt) AND version = :version",
        ExpressionAttributeValues: {
          ":deletedAt": deletedAt,
          ":expiresAt": expiresAtFor(now),
          ":listKey": trashListKey(deletedAt, noteId),
          ":version": item.version,
        },
      },
    };
    const outcome = await writeNote(db, userId, update, noteCounters(item, { deletedAt }));
    return outcome === "lost" ? again : { ...toNote(item), deletedAt };
  });
}

/** Brings a trashed note back. Restoring a live note is a no-op (safe to replay). */
export function restoreNote(
  db: Database,
  userId: string,
  noteId: string,
  now = new Date(),
): Promise<Note> {
  return retryLostRaces(async () => {
    const item = await readNote(db, userId, noteId, now);
    if (!item) throw notFound("note");
    if (!item.deletedAt) return toNote(item);
    const update = {
      Update: {
        TableName: db.tables.Notes,
        Key: { userId, noteId },
        UpdateExpression: "SET listKey = :listKey REMOVE deletedAt, expiresAt",
        ConditionExpression: "deletedAt = :deletedAt",
        ExpressionAttributeValues: {
          ":listKey": liveListKey(item.pinned, item.updatedAt, noteId),
          ":deletedAt": item.deletedAt,
        },
      },
    };
    const outcome = await writeNote(db, userId, update, noteCounters(item, {}));
    return outcome === "lost" ? again : { ...toNote(item), deletedAt: null };
  });
}

/** Deletes a trashed note's item for good. Its S3 objects must be gone first (see the service). */
export async function deleteTrashedNote(
  db: Database,
  userId: string,
  noteId: string,
): Promise<void> {
  const remove = {
    Delete: {
      TableName: db.tables.Notes,
      Key: { userId, noteId },
      ConditionExpression: "attribute_exists(deletedAt)",
    },
  };
  const trashed = { deletedAt: "" };
  if ((await writeNote(db, userId, remove, noteCounters(trashed, undefined))) === "done") return;
  // Already deleted: a replay.
  if (!(await readNoteItem(db, userId, noteId))) return;
  throw new AppError("conflict", "Only notes in the trash can be deleted for good.");
}

/**
 * Read-modify-write of a note's attachment list, guarded by its own revision counter so text
 * edits (which carry `version`) and attachment changes never overwrite each other.
 */
export function changeAttachments(
  db: Database,
  userId: string,
  noteId: string,
  change: (current: readonly Attachment[]) => readonly Attachment[],
): Promise<Note> {
  return retryLostRaces(async () => {
    const item = await readNote(db, userId, noteId, new Date());
    if (!item || item.deletedAt) throw notFound("note");
    const attachments = [...change(item.attachments ?? [])];
    const revision = item.attachmentsRevision ?? 0;
    const update = {
      Update: {
        TableName: db.tables.Notes,
        Key: { userId, noteId },
        UpdateExpression:
          "SET attachments = :attachments, attachmentCount = :count, attachmentsRevision = :next",
        ConditionExpression: "attachmentsRevision = :revision AND attribute_not_exists(deletedAt)",
        ExpressionAttributeValues: {
          ":attachments": attachments,
          ":count": attachments.length,
          ":revision": revision,
          ":next": revision + 1,
        },
      },
    };
    if ((await writeNote(db, userId, update)) === "lost") return again;
    return toNote({
      ...item,
      attachments,
      attachmentCount: attachments.length,
      attachmentsRevision: revision + 1,
    });
  });
}
