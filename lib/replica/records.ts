/**
 * The replica's records and the pure rules over them (issue 13 §2): the list order key, the
 * pending overlay, which copy of a record wins. No IndexedDB here, so all of it is unit-tested.
 */
import { excerptOf } from "@/lib/notes/excerpt";
import type { Note, NoteCard } from "@/lib/notes/types";
import type { Task } from "@/lib/tasks/types";

/**
 * A note as the replica keeps it: with its place in the list (the server's ByList key) and the
 * snapshot that last wrote it (records no later snapshot wrote are gone from the server).
 */
export type ReplicaNote = Note & { readonly listKey: string; readonly snap?: string };

/** A task as the replica keeps it, with the snapshot that last wrote it. */
export type ReplicaTask = Task & { readonly snap?: string };

export type RecordKind = "note" | "task";

/** A local change the server has not acknowledged yet; `record: null` means it is gone. */
export interface PendingEntry {
  readonly key: string;
  readonly kind: RecordKind;
  readonly id: string;
  readonly record: Note | Task | null;
  readonly mutationId: string;
}

/** The same order as the server's ByList index: read backwards, pinned first, newest first. */
export function listKey(note: Pick<Note, "noteId" | "pinned" | "updatedAt" | "deletedAt">) {
  return note.deletedAt
    ? `trash#${note.deletedAt}#${note.noteId}`
    : `live#${note.pinned ? 1 : 0}#${note.updatedAt}#${note.noteId}`;
}

export function listPrefix(trash: boolean) {
  return trash ? "trash#" : "live#";
}

export function pendingKey(kind: RecordKind, id: string) {
  return `${kind}#${id}`;
}

export function toReplicaNote(note: Note, snap?: string): ReplicaNote {
  const { listKey: _key, snap: _snap, ...plain } = note as ReplicaNote;
  return snap === undefined
    ? { ...plain, listKey: listKey(note) }
    : { ...plain, listKey: listKey(note), snap };
}

/** The note without the replica's own fields, as views and the API client know it. */
export function plainNote(note: ReplicaNote): Note {
  const { listKey: _key, snap: _snap, ...plain } = note;
  return plain;
}

/** What a list card shows of a note, as the server's list answers it. */
export function noteCardOf(note: Note): NoteCard {
  return {
    noteId: note.noteId,
    title: note.title,
    excerpt: excerptOf(note.content),
    pinned: note.pinned,
    tags: note.tags,
    attachmentCount: note.attachments.length,
    createdAt: note.createdAt,
    updatedAt: note.updatedAt,
    version: note.version,
    deletedAt: note.deletedAt,
  };
}

/**
 * Whether a record from the server replaces the kept one: never an older version (a pull read
 * before a write's answer arrived must not undo it). Equal versions replace: trashing and
 * restoring may keep the version.
 */
export function replaces(incoming: { version: number }, kept: { version: number } | undefined) {
  return !kept || incoming.version >= kept.version;
}

/**
 * One page of a note list: the replica's notes (already in list order, newest first, none of
 * them pending) merged with the pending notes that belong to this list, `limit` at most.
 */
export function mergeNoteList(
  kept: readonly ReplicaNote[],
  pending: readonly PendingEntry[],
  options: { readonly trash: boolean; readonly limit: number },
): Note[] {
  const prefix = listPrefix(options.trash);
  const overlaid = pending
    .filter((entry) => entry.kind === "note" && entry.record)
    .map((entry) => toReplicaNote(entry.record as Note))
    .filter((note) => note.listKey.startsWith(prefix));
  return [...kept, ...overlaid]
    .sort((a, b) => (a.listKey < b.listKey ? 1 : a.listKey > b.listKey ? -1 : 0))
    .slice(0, options.limit)
    .map(plainNote);
}

/** The record with its pending change applied: `null` when the change removes it. */
export function overlay<T>(kept: T | undefined, entry: PendingEntry | undefined): T | undefined {
  if (!entry) return kept;
  return (entry.record as T | null) ?? undefined;
}

/** A note's live linked tasks, newest first, as the server's note page lists them. */
export function linkedTasks(tasks: readonly Task[], noteId: string): Task[] {
  return tasks
    .filter((task) => task.noteId === noteId && task.deletedAt === null)
    .sort((a, b) => (a.taskId < b.taskId ? 1 : a.taskId > b.taskId ? -1 : 0));
}
