import "server-only";
import { isExpired, readRecord } from "@/lib/db/records";
import type { Database } from "@/lib/db/runtime";
import { AppError } from "@/lib/errors";
import { excerptOf } from "@/lib/notes/excerpt";
import type { Attachment, Note, NoteCard } from "@/lib/notes/types";

/**
 * A note as stored, with the attributes its list index reads. The body is stored once, in
 * `content`: search matches it case-insensitively when it reads the item (see `searchNotes`).
 * Items written before issue 14 may still carry a lower-cased `searchText` copy until an edit
 * or the migration in `lib/db/migrations/drop-search-text.ts` removes it; nothing reads it.
 */
export interface NoteItem {
  userId: string;
  noteId: string;
  title: string;
  content: string;
  pinned: boolean;
  tags?: Set<string>;
  attachments: Attachment[];
  attachmentCount: number;
  attachmentsRevision: number;
  remoteImages?: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  deletedAt?: string;
  expiresAt?: number;
  listKey: string;
  excerpt: string;
}

export function liveListKey(pinned: boolean, updatedAt: string, noteId: string) {
  return `live#${pinned ? 1 : 0}#${updatedAt}#${noteId}`;
}

export function trashListKey(deletedAt: string, noteId: string) {
  return `trash#${deletedAt}#${noteId}`;
}

/** What the list reads of a note's text, stored beside it (the card's excerpt, capped). */
export function derivedText(content: string) {
  return { excerpt: excerptOf(content) };
}

/**
 * Whether a note holds every word (already lower-cased) in its title, text or tags, ignoring
 * case: the server search's match, done where the item is read because DynamoDB's `contains`
 * is case-sensitive. The same text the stored `searchText` copy held, so the same matches.
 */
export function matchesWords(
  item: { title?: string; content?: string; tags?: Iterable<string> },
  words: readonly string[],
): boolean {
  const text = `${item.title ?? ""}\n${item.content ?? ""}\n${[...(item.tags ?? [])].join(" ")}`;
  const haystack = text.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** DynamoDB string sets cannot be empty: no tags means no attribute. */
export function tagSet(tags: readonly string[]): Set<string> | undefined {
  return tags.length > 0 ? new Set(tags) : undefined;
}

export function sortedTags(tags: Iterable<string> | undefined): string[] {
  return tags ? [...tags].sort() : [];
}

export function toNote(item: NoteItem): Note {
  return {
    noteId: item.noteId,
    title: item.title,
    content: item.content,
    pinned: item.pinned,
    tags: sortedTags(item.tags),
    attachments: item.attachments ?? [],
    remoteImages: item.remoteImages ?? false,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
    deletedAt: item.deletedAt ?? null,
  };
}

export function toCard(item: Omit<NoteItem, "content" | "attachments">): NoteCard {
  return {
    noteId: item.noteId,
    title: item.title,
    excerpt: item.excerpt ?? "",
    pinned: item.pinned,
    tags: sortedTags(item.tags),
    attachmentCount: item.attachmentCount ?? 0,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
    deletedAt: item.deletedAt ?? null,
  };
}

/** The stored note, expired or not. */
export function readNoteItem(db: Database, userId: string, noteId: string) {
  return readRecord<NoteItem>(db, db.tables.Notes, { userId, noteId });
}

/** The note, trashed or not; undefined when missing or past its trash expiry. */
export async function readNote(
  db: Database,
  userId: string,
  noteId: string,
  now: Date,
): Promise<NoteItem | undefined> {
  const item = await readNoteItem(db, userId, noteId);
  return item && !isExpired(item, now) ? item : undefined;
}

export function noteConflict(current: NoteItem): AppError {
  return new AppError("conflict", "This note changed elsewhere since you opened it.", {
    details: { current: toNote(current) },
  });
}
