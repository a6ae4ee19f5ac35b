/**
 * A parsed copy of the replica's tasks (and the titles of the notes they link to) kept in this
 * tab's memory, current through `onReplicaChange`: a task view's first render after a
 * navigation reads it synchronously instead of re-reading and re-parsing 2,000 tasks from
 * IndexedDB (hundreds of ms in the bench). A change naming records re-reads only those; a
 * change of everything (a snapshot page, a start-over) re-reads it all.
 *
 * Every read runs in one queue, in announcement order: a read started after an announcement
 * sees what it announced, and no older read can land after a newer one.
 */
import { isOfflineStoreAvailable } from "@/lib/offline/store";
import { onReplicaChange, type ReplicaChange } from "@/lib/replica/changes";
import { readAllTasks, readNoteTitles, readTasksById, replicaStatus } from "@/lib/replica/store";
import type { Task } from "@/lib/tasks/types";

/** One state of the memory; a new object after every change (views compare identities). */
export interface ReplicaMemory {
  /** Every task, live and deleted, the pending overlay applied, by id. */
  readonly tasks: ReadonlyMap<string, Task>;
  /** The title of each note a task links to; `null` when that note is deleted or gone. */
  readonly noteTitles: ReadonlyMap<string, string | null>;
}

type Listener = () => void;

let current: ReplicaMemory | undefined;
let started = false;
let queue: Promise<void> = Promise.resolve();
/** A full read is queued and has not started: further `all` changes need no other one. */
let reloadQueued = false;
const listeners = new Set<Listener>();

function publish(next: ReplicaMemory | undefined) {
  if (next === current) return;
  current = next;
  for (const listener of [...listeners]) listener();
}

function enqueue(work: () => Promise<void>) {
  queue = queue.then(work).catch(() => {
    // The database went away (a wipe): what is in memory stays until the page is left.
  });
}

/** The note ids `tasks` link to that `titles` does not know yet. */
function unknownNotes(tasks: Iterable<Task>, titles: ReadonlyMap<string, string | null>): string[] {
  const ids = new Set<string>();
  for (const task of tasks) if (task.noteId && !titles.has(task.noteId)) ids.add(task.noteId);
  return [...ids];
}

async function reload() {
  reloadQueued = false;
  if ((await replicaStatus()).state !== "ready") return publish(undefined);
  const tasks = new Map((await readAllTasks()).map((task) => [task.taskId, task]));
  const noteTitles = new Map(await readNoteTitles(unknownNotes(tasks.values(), new Map())));
  publish({ tasks, noteTitles });
}

/** The memory with the named records read again (pure, for the tests: `read` does the IO). */
export async function patchMemory(
  memory: ReplicaMemory,
  change: { readonly notes: readonly string[]; readonly tasks: readonly string[] },
  read: {
    readonly tasks: (ids: readonly string[]) => Promise<ReadonlyMap<string, Task | undefined>>;
    readonly titles: (ids: readonly string[]) => Promise<ReadonlyMap<string, string | null>>;
  },
): Promise<ReplicaMemory> {
  let tasks = memory.tasks;
  if (change.tasks.length > 0) {
    const next = new Map(memory.tasks);
    for (const [id, task] of await read.tasks(change.tasks)) {
      if (task) next.set(id, task);
      else next.delete(id);
    }
    tasks = next;
  }
  // Notes matter here only for the titles of linked ones (known, or newly linked).
  const named = change.notes.filter((id) => memory.noteTitles.has(id));
  const linked = unknownNotes(
    change.tasks.flatMap((id) => tasks.get(id) ?? []),
    memory.noteTitles,
  );
  const wanted = [...new Set([...named, ...linked])];
  let noteTitles = memory.noteTitles;
  if (wanted.length > 0) {
    const next = new Map(memory.noteTitles);
    for (const [id, title] of await read.titles(wanted)) next.set(id, title);
    noteTitles = next;
  }
  if (tasks === memory.tasks && noteTitles === memory.noteTitles) return memory;
  return { tasks, noteTitles };
}

async function patch(change: {
  readonly notes: readonly string[];
  readonly tasks: readonly string[];
}) {
  // Not read yet (or the replica is not ready): nothing to keep current; a view reads it all.
  if (!current) return;
  publish(await patchMemory(current, change, { tasks: readTasksById, titles: readNoteTitles }));
}

function changed(change: ReplicaChange) {
  if (change.all) {
    if (reloadQueued) return;
    reloadQueued = true;
    enqueue(reload);
  } else if (!reloadQueued) {
    // A full read queued behind will read these records anyway.
    enqueue(() => patch(change));
  }
}

/**
 * Starts keeping the memory (once per tab): reads the replica and follows its changes. Called
 * by the first view that wants it, and at idle by the app frame so the first switch to a task
 * view finds it filled.
 */
export function warmReplicaMemory(): void {
  if (started || !isOfflineStoreAvailable()) return;
  started = true;
  onReplicaChange(changed);
  changed({ all: true });
}

/** For `useSyncExternalStore`: calls `listener` after each change of the memory. */
export function subscribeReplicaMemory(listener: Listener): () => void {
  warmReplicaMemory();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The memory as it is now; `undefined` until read, or while the replica is not ready. */
export function replicaMemory(): ReplicaMemory | undefined {
  return current;
}

/** Resolves once every change announced so far is in the memory (tests, and reads that must). */
export function replicaMemorySettled(): Promise<ReplicaMemory | undefined> {
  return queue.then(() => current);
}
