/**
 * What the index holds of a note or a task: the searched fields and what filters and hits need.
 * Trashed records are not searched (undefined here: they leave the index).
 */
import type { Note } from "@/lib/notes/types";
import type { Task } from "@/lib/tasks/types";

export interface SearchDoc {
  /** `n:<noteId>` or `t:<taskId>`: notes and tasks share one index. */
  readonly id: string;
  readonly kind: "note" | "task";
  readonly recordId: string;
  readonly title: string;
  /** A note's content or a task's details. */
  readonly text: string;
  readonly tags: readonly string[];
  readonly pinned: boolean;
  readonly hasFile: boolean;
  readonly status?: string;
  readonly updatedAt: string;
  readonly version: number;
}

export const noteDocId = (noteId: string) => `n:${noteId}`;
export const taskDocId = (taskId: string) => `t:${taskId}`;

export function noteDoc(note: Note): SearchDoc | undefined {
  if (note.deletedAt !== null) return undefined;
  return {
    id: noteDocId(note.noteId),
    kind: "note",
    recordId: note.noteId,
    title: note.title,
    text: note.content,
    tags: note.tags,
    pinned: note.pinned,
    hasFile: note.attachments.length > 0,
    updatedAt: note.updatedAt,
    version: note.version,
  };
}

export function taskDoc(task: Task): SearchDoc | undefined {
  if (task.deletedAt !== null) return undefined;
  return {
    id: taskDocId(task.taskId),
    kind: "task",
    recordId: task.taskId,
    title: task.description.split("\n")[0] ?? "",
    text: task.details,
    tags: [],
    pinned: false,
    hasFile: false,
    status: task.status,
    updatedAt: task.updatedAt,
    version: task.version,
  };
}

/** Whether two copies of a record index the same (a diff after "everything changed"). */
export function sameDoc(a: SearchDoc, b: SearchDoc): boolean {
  return (
    a.version === b.version &&
    a.updatedAt === b.updatedAt &&
    a.title === b.title &&
    a.text === b.text &&
    a.pinned === b.pinned &&
    a.hasFile === b.hasFile &&
    a.status === b.status &&
    a.tags.join("\n") === b.tags.join("\n")
  );
}
