"use client";

import { useReplicaQuery } from "@/lib/replica/hooks";
import { readNote, readTasks } from "@/lib/replica/store";
import { linkedNoteIds } from "@/lib/tasks/replica-view";
import type { Task } from "@/lib/tasks/types";

/** The person's tasks as the device's replica has them (pending local changes included). */
export interface TaskLibrary {
  readonly tasks: readonly Task[];
  /** The titles of the live notes these tasks link to, by note id. */
  readonly noteTitles: Readonly<Record<string, string>>;
}

async function readTaskLibrary(trash: boolean): Promise<TaskLibrary> {
  const tasks = await readTasks({ trash });
  const notes = await Promise.all(linkedNoteIds(tasks).map((noteId) => readNote(noteId)));
  const noteTitles: Record<string, string> = {};
  for (const note of notes)
    if (note && note.deletedAt === null) noteTitles[note.noteId] = note.title;
  return { tasks, noteTitles };
}

/**
 * The live tasks (or, with `trash`, the deleted ones) from the replica, read again at every
 * change in any tab; `undefined` until the replica is ready (the view shows the server's then).
 */
export function useTaskLibrary(trash = false): TaskLibrary | undefined {
  return useReplicaQuery(() => readTaskLibrary(trash), [trash]);
}
