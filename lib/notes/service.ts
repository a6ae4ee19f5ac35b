import { ulid } from "ulid";
import {
  type Attachment,
  changeAttachments,
  createNote,
  deleteTrashedNote,
  getNote,
  listNotes,
  type NewNote,
  type Note,
  type NotePatch,
  searchNotes,
  updateNote,
} from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import { AppError } from "@/lib/errors";
import { noteLimits, parseNoteSearch } from "@/lib/notes/schemas";
import {
  attachmentKey,
  deleteObject,
  isUploaded,
  markUploadKept,
  noteObjectPrefix,
  presignDownload,
  presignUpload,
} from "@/lib/storage/attachments";
import { deleteObjectsWithPrefix } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/runtime";

function assertContentSize(content: string | undefined): void {
  if (content !== undefined && Buffer.byteLength(content, "utf8") > noteLimits.contentBytes) {
    throw new AppError("too_large", "Note content is limited to 100 KB.", {
      content: ["Note content is limited to 100 KB."],
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
  return updateNote(db, userId, noteId, patch, expectedVersion);
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
export function findNotes(db: Database, userId: string, query: NoteQuery) {
  const { words, tags } = parseNoteSearch(query.q, query.tag);
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

async function requireNote(db: Database, userId: string, noteId: string, includeTrashed = false) {
  const note = await getNote(db, userId, noteId, { includeTrashed });
  if (!note) throw new AppError("not_found", "This note does not exist.");
  return note;
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
}

export async function emptyTrash(db: Database, storage: Storage, userId: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await listNotes(db, userId, { trash: true, limit: 100 });
    if (page.items.length === 0) return deleted;
    for (const card of page.items) {
      await deleteNoteForever(db, storage, userId, card.noteId);
      deleted++;
    }
  }
}

export interface UploadRequest {
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
}

/** Step 1 of an upload: a presigned PUT for a note of the caller's with room for one more file. */
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
  const key = attachmentKey(userId, noteId, attachmentId, request.name);
  const upload = await presignUpload(storage, {
    key,
    size: request.size,
    contentType: request.contentType,
  });
  return { attachmentId, upload };
}

/**
 * Step 2: the file joins the note only once S3 holds it with the announced size and type. The
 * key is rebuilt from the caller's ids, never taken from the client.
 */
export async function confirmUpload(
  db: Database,
  storage: Storage,
  userId: string,
  noteId: string,
  upload: UploadRequest & { attachmentId: string; replaces?: string },
): Promise<Note> {
  await requireNote(db, userId, noteId);
  const key = attachmentKey(userId, noteId, upload.attachmentId, upload.name);
  const file = { key, size: upload.size, contentType: upload.contentType };
  if (!(await isUploaded(storage, file))) {
    throw new AppError("invalid", "The upload did not arrive whole; try again.");
  }
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
    note = await changeAttachments(db, userId, noteId, (current) => {
      if (current.some((existing) => existing.attachmentId === attachment.attachmentId))
        return current;
      replaced = current.find((existing) => existing.attachmentId === upload.replaces);
      const kept = current.filter((existing) => existing !== replaced);
      if (kept.length >= noteLimits.attachments) {
        throw new AppError(
          "too_large",
          `A note holds at most ${noteLimits.attachments} attachments.`,
        );
      }
      return [...kept, attachment];
    });
  } catch (error) {
    // The note is gone or full: the uploaded object must not linger.
    await deleteObject(storage, key);
    throw error;
  }
  await markUploadKept(storage, key);
  if (replaced) await deleteObject(storage, replaced.key);
  return note;
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
  const note = await requireNote(db, userId, noteId, true);
  const attachment = note.attachments.find((existing) => existing.attachmentId === attachmentId);
  if (!attachment) throw new AppError("not_found", "This attachment does not exist.");
  return presignDownload(
    storage,
    attachment,
    inline && inlineTypes.includes(attachment.contentType),
  );
}
