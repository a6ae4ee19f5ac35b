import "server-only";
import { ulid } from "ulid";
import { forgetIdempotentAnswers } from "@/lib/db/idempotency-repository";
import {
  changeAttachments,
  createNote,
  deleteTrashedNote,
  getNote,
  listNotes,
  type NewNote,
  type NotePatch,
  restoreNote,
  searchNotes,
  trashNote,
  updateNote,
} from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import { getTask, listTasksLinkedToNote, updateTask } from "@/lib/db/tasks-repository";
import { again, lostRace, withRetries } from "@/lib/db/transact";
import { claimUploadSlot, releaseUploadSlot } from "@/lib/db/upload-slots-repository";
import { getUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { checklistChanges, checklistItems } from "@/lib/notes/checklist";
import { noteLimits, parseNoteSearch, uploadLimits } from "@/lib/notes/schemas";
import type { Attachment, Note } from "@/lib/notes/types";
import { assertWithinRateLimit } from "@/lib/server/rate-limits";
import {
  attachmentKey,
  deleteObject,
  keepUpload,
  noteObjectPrefix,
  presignDownload,
  presignUpload,
  uploadedObject,
  uploadKey,
  uploadUrlSeconds,
} from "@/lib/storage/attachments";
import { deleteObjectsWithPrefix } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/runtime";
import { checklistKey } from "@/lib/tasks/view";

function assertContentSize(content: string | undefined): void {
  if (content !== undefined && Buffer.byteLength(content, "utf8") > noteLimits.contentBytes) {
    throw new AppError("too_large", "Note content is limited to 100 KB.", {
      fieldErrors: { content: ["Note content is limited to 100 KB."] },
    });
  }
}

export async function createNoteWithLimits(db: Database, userId: string, input: NewNote) {
  assertContentSize(input.content);
  return createNote(db, userId, input);
}

export async function updateNoteWithLimits(
  db: Database,
  userId: string,
  noteId: string,
  patch: NotePatch,
  expectedVersion: number,
) {
  assertContentSize(patch.content);
  // The text before this save, to see which checklist lines it ticks or unticks. Only read when
  // the new text has checklist lines at all; a stale version fails in updateNote below.
  const before =
    patch.content !== undefined && checklistItems(patch.content).length > 0
      ? await getNote(db, userId, noteId)
      : undefined;
  const note = await updateNote(db, userId, noteId, patch, expectedVersion);
  if (before && before.version === expectedVersion) {
    await completeLinkedTasks(db, userId, noteId, before.content, note.content);
  }
  return note;
}

/**
 * Ticking a checklist line completes the open tasks made from it (same note, same text);
 * unticking reopens them to To do. Each task is written at the version just read; a racing
 * change makes it read again and stop if the task already is as wanted.
 */
async function completeLinkedTasks(
  db: Database,
  userId: string,
  noteId: string,
  before: string,
  after: string,
): Promise<void> {
  const { completed, reopened } = checklistChanges(before, after, checklistKey);
  if (completed.length === 0 && reopened.length === 0) return;
  const linked = await listTasksLinkedToNote(db, userId, noteId);
  for (const card of linked) {
    const key = checklistKey(card.description);
    const done = completed.includes(key) ? true : reopened.includes(key) ? false : undefined;
    if (done === undefined) continue;
    await withRetries(async (round) => {
      const task = round === 0 ? card : await getTask(db, userId, card.taskId);
      if (!task || task.deletedAt || (task.status === "completed") === done) return;
      try {
        await updateTask(
          db,
          userId,
          task.taskId,
          { status: done ? "completed" : "todo" },
          task.version,
        );
      } catch (error) {
        if (error instanceof AppError && error.code === "conflict") return again;
        throw error;
      }
    }, lostRace);
  }
}

export interface NoteQuery {
  readonly q?: string;
  readonly tag?: string;
  readonly trash?: boolean;
  readonly cursor?: string;
  readonly limit?: number;
}

/**
 * One entry point for list pages: search when there are words, the ordered list otherwise;
 * `#tags` in the query filter by tag like `tag` does.
 */
export async function findNotes(db: Database, userId: string, query: NoteQuery) {
  const { words, tags } = parseNoteSearch(query.q, query.tag);
  if (words.length > 0) await assertWithinRateLimit(db, "searches", userId);
  const options = {
    tags,
    trash: query.trash,
    cursor: query.cursor,
    limit: query.limit ?? noteLimits.pageSize,
  };
  return words.length > 0
    ? searchNotes(db, userId, words, options)
    : listNotes(db, userId, options);
}

/** Whether this user's note is in the trash now: a `?trashed=` address may be stale. */
export async function isInTrash(db: Database, userId: string, noteId: string): Promise<boolean> {
  const note = await getNote(db, userId, noteId, { includeTrashed: true });
  return Boolean(note?.deletedAt);
}

/**
 * This user's note, or a 404 (missing, another user's, expired, or trashed unless asked): the one
 * read-or-404 for routes, pages and the operations below.
 */
export async function requireNote(
  db: Database,
  userId: string,
  noteId: string,
  options: { includeTrashed?: boolean } = {},
): Promise<Note> {
  const note = await getNote(db, userId, noteId, options);
  if (!note) throw new AppError("not_found", "This note does not exist.");
  return note;
}

/**
 * Moves a note to the trash (restorable until the trash period ends), at `expectedVersion` when
 * given; trashing a trashed note is a no-op, so replays are safe.
 */
export function moveNoteToTrash(
  db: Database,
  userId: string,
  noteId: string,
  options: { expectedVersion?: number } = {},
): Promise<Note> {
  return trashNote(db, userId, noteId, options);
}

/** Brings a note back from the trash; restoring a live note is a no-op. */
export function restoreNoteFromTrash(db: Database, userId: string, noteId: string): Promise<Note> {
  return restoreNote(db, userId, noteId);
}

/** Permanent deletion from the trash: the note's objects first, so none can be orphaned. */
export async function deleteNoteForever(
  db: Database,
  storage: Storage,
  userId: string,
  noteId: string,
) {
  const note = await getNote(db, userId, noteId, { includeTrashed: true });
  if (!note) return; // Already gone: a replay.
  if (!note.deletedAt) {
    throw new AppError("conflict", "Only notes in the trash can be deleted for good.");
  }
  await deleteObjectsWithPrefix(storage, noteObjectPrefix(userId, noteId));
  await deleteTrashedNote(db, userId, noteId);
  await forgetIdempotentAnswers(db, userId, [`note#${noteId}`]);
}

/** Notes one "empty the trash" request deletes at most; the client repeats while `more`. */
export const emptyTrashBatch = 50;

/**
 * Deletes the oldest part of the trash for good: at most `emptyTrashBatch` notes (objects first),
 * so one request's work stays bounded however large the trash. Answers what it deleted, whether
 * more is left, and how many notes the trash still counts (for progress).
 */
export async function emptyTrash(
  db: Database,
  storage: Storage,
  userId: string,
): Promise<{ deleted: number; more: boolean; remaining: number }> {
  const page = await listNotes(db, userId, { trash: true, limit: emptyTrashBatch });
  for (const card of page.items) await deleteNoteForever(db, storage, userId, card.noteId);
  const remaining = (await getUser(db, userId))?.counts.trashedNotes ?? 0;
  return { deleted: page.items.length, more: Boolean(page.nextCursor), remaining };
}

export interface UploadRequest {
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
}

/**
 * Step 1 of an upload: a presigned PUT for a note of the caller's with room for one more file,
 * while the caller has fewer than `uploadLimits.outstanding` uploads waiting for confirmation.
 */
export async function requestUpload(
  db: Database,
  storage: Storage,
  userId: string,
  noteId: string,
  request: UploadRequest,
) {
  const note = await requireNote(db, userId, noteId);
  if (note.attachments.length >= noteLimits.attachments) {
    throw new AppError("too_large", `A note holds at most ${noteLimits.attachments} attachments.`);
  }
  const attachmentId = ulid();
  const until = new Date(Date.now() + uploadUrlSeconds * 1000);
  const claim = await claimUploadSlot(db, userId, attachmentId, {
    limit: uploadLimits.outstanding,
    until,
  });
  if (!claim.granted) {
    const minutes = Math.max(1, Math.round(claim.retryAfterSeconds / 60));
    throw new AppError(
      "rate_limited",
      `${uploadLimits.outstanding} uploads are still unfinished; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      { retryAfterSeconds: claim.retryAfterSeconds },
    );
  }
  const upload = await presignUpload(storage, {
    key: uploadKey(userId, noteId, attachmentId, request.name),
    size: request.size,
    contentType: request.contentType,
  });
  return { attachmentId, upload };
}

/**
 * Step 2: the file joins the note only once S3 holds it with the announced size and type. The
 * server copies it to a key no presigned URL points at, so the upload URL (valid 15 minutes)
 * can no longer change the kept file, and removes the upload. Keys are rebuilt from the
 * caller's ids, never taken from the client.
 */
export async function confirmUpload(
  db: Database,
  storage: Storage,
  userId: string,
  noteId: string,
  upload: UploadRequest & { attachmentId: string; replaces?: string },
): Promise<Note> {
  const current = await requireNote(db, userId, noteId);
  // A repeated confirm (the outbox replays): the file is already the note's.
  if (current.attachments.some((existing) => existing.attachmentId === upload.attachmentId)) {
    return current;
  }
  const pending = uploadKey(userId, noteId, upload.attachmentId, upload.name);
  const etag = await uploadedObject(storage, {
    key: pending,
    size: upload.size,
    contentType: upload.contentType,
  });
  if (etag === undefined) {
    throw new AppError("invalid", "The upload did not arrive whole; try again.");
  }
  const key = attachmentKey(userId, noteId, upload.attachmentId, upload.name);
  await keepUpload(storage, { from: pending, to: key, etag });
  const attachment: Attachment = {
    attachmentId: upload.attachmentId,
    name: upload.name,
    size: upload.size,
    contentType: upload.contentType,
    key,
  };
  let replaced: Attachment | undefined;
  let note: Note;
  try {
    note = await changeAttachments(db, userId, noteId, (attachments) => {
      if (attachments.some((existing) => existing.attachmentId === attachment.attachmentId))
        return attachments;
      replaced = attachments.find((existing) => existing.attachmentId === upload.replaces);
      const kept = attachments.filter((existing) => existing !== replaced);
      if (kept.length >= noteLimits.attachments) {
        throw new AppError(
          "too_large",
          `A note holds at most ${noteLimits.attachments} attachments.`,
        );
      }
      return [...kept, attachment];
    });
  } catch (error) {
    // The note is gone or full: neither object may linger.
    await deleteObject(storage, key);
    await forgetUpload(db, storage, userId, upload.attachmentId, pending);
    throw error;
  }
  await forgetUpload(db, storage, userId, upload.attachmentId, pending);
  if (replaced) await deleteObject(storage, replaced.key);
  return note;
}

async function forgetUpload(
  db: Database,
  storage: Storage,
  userId: string,
  attachmentId: string,
  pending: string,
) {
  await deleteObject(storage, pending);
  await releaseUploadSlot(db, userId, attachmentId);
}

/** Removes a file from a note; the object goes first, so a failure leaves the note unchanged. */
export async function removeAttachment(
  db: Database,
  storage: Storage,
  userId: string,
  noteId: string,
  attachmentId: string,
): Promise<Note> {
  const note = await requireNote(db, userId, noteId);
  const attachment = note.attachments.find((existing) => existing.attachmentId === attachmentId);
  if (!attachment) return note; // Already removed: a replay.
  await deleteObject(storage, attachment.key);
  return changeAttachments(db, userId, noteId, (current) =>
    current.filter((existing) => existing.attachmentId !== attachmentId),
  );
}

/** A short-lived download URL, issued only after the note is found in the caller's partition. */
export async function attachmentDownloadUrl(
  db: Database,
  storage: Storage,
  userId: string,
  noteId: string,
  attachmentId: string,
  inline: boolean,
  inlineTypes: readonly string[],
): Promise<string> {
  const note = await requireNote(db, userId, noteId, { includeTrashed: true });
  const attachment = note.attachments.find((existing) => existing.attachmentId === attachmentId);
  if (!attachment) throw new AppError("not_found", "This attachment does not exist.");
  return presignDownload(
    storage,
    attachment,
    inline && inlineTypes.includes(attachment.contentType),
  );
}
