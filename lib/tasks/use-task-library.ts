"use client";

import { useSyncExternalStore } from "react";
import { type ReplicaMemory, replicaMemory, subscribeReplicaMemory } from "@/lib/replica/memory";
import type { Task } from "@/lib/tasks/types";

/** The person's tasks as the device's replica has them (pending local changes included). */
export interface TaskLibrary {
  readonly tasks: readonly Task[];
  /** The titles of the live notes these tasks link to, by note id. */
  readonly noteTitles: Readonly<Record<string, string>>;
}

interface Libraries {
  live?: TaskLibrary;
  trash?: TaskLibrary;
}

// One library per state of the memory and kind: a view mounted again (a navigation back) gets
// the same object, so its memoized columns and rows are not computed again either.
const libraries = new WeakMap<ReplicaMemory, Libraries>();

/** The live (or deleted) tasks of one state of the replica's memory, with linked notes' titles. */
export function taskLibraryOf(memory: ReplicaMemory, trash: boolean): TaskLibrary {
  let kept = libraries.get(memory);
  if (!kept) {
    kept = {};
    libraries.set(memory, kept);
  }
  const key = trash ? "trash" : "live";
  const found = kept[key];
  if (found) return found;
  const tasks = [...memory.tasks.values()].filter((task) => (task.deletedAt !== null) === trash);
  const noteTitles: Record<string, string> = {};
  for (const task of tasks) {
    const title = task.noteId ? memory.noteTitles.get(task.noteId) : undefined;
    if (task.noteId && typeof title === "string") noteTitles[task.noteId] = title;
  }
  const library = { tasks, noteTitles };
  kept[key] = library;
  return library;
}

const noMemory = () => undefined;

/**
 * The live tasks (or, with `trash`, the deleted ones) from the replica, current at every change
 * in any tab; `undefined` until the replica is ready (the view shows the server's then). Read
 * from the tab's memory of the replica: a view shown again draws at once, in its first render.
 */
export function useTaskLibrary(trash = false): TaskLibrary | undefined {
  const memory = useSyncExternalStore(subscribeReplicaMemory, replicaMemory, noMemory);
  return memory && taskLibraryOf(memory, trash);
}
