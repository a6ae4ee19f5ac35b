import { type DBSchema, type IDBPDatabase, openDB, type StoreNames } from "idb";
import { compareCodeUnits } from "@/lib/compare";
import { mergeQueuedBodies } from "@/lib/merge/outbox";
import type { Note, NoteCard } from "@/lib/notes/types";
import { offlineDatabaseName, wipeDeviceData } from "@/lib/offline/device-data";
import type { NoteDraft } from "@/lib/offline/drafts";
import { readMutation } from "@/lib/offline/record-shapes";
import type { PendingEntry, ReplicaNote, ReplicaTask } from "@/lib/replica/records";

/**
 * What this device keeps for offline use, in IndexedDB: the notes and tasks its person has
 * seen, and the outbox of changes made without a connection. One user's data at a time.
 */
export interface QueuedMutation {
  /** A ULID: outbox order is creation order. */
  readonly id: string;
  /** An attachment chosen offline: the file waits in the `files` store under this id. */
  readonly fileId?: string;
  readonly method: "POST" | "PATCH" | "DELETE";
  readonly url: string;
  readonly body?: Record<string, unknown>;
  /** Sent as Idempotency-Key: the server applies the mutation once however often it is replayed. */
  readonly idempotencyKey: string;
  /** Unsent mutations with the same merge key are folded into one (e.g. edits of one task). */
  readonly mergeKey?: string;
  readonly label: string;
  readonly createdAt: string;
  /** Sent at least once: its key may be on the server, so nothing is merged into it any more. */
  readonly sent?: boolean;
  /** The server failed on it (500): kept, not sent again until the person retries it. */
  readonly setAside?: string;
}

export interface OfflineTaskCard {
  readonly taskId: string;
  readonly description: string;
  readonly status: string;
  readonly dueDate?: string | null;
  readonly updatedAt: string;
}

interface OfflineSchema extends DBSchema {
  notes: { key: string; value: Note | NoteCard };
  tasks: { key: string; value: OfflineTaskCard };
  outbox: { key: string; value: QueuedMutation };
  files: { key: string; value: { id: string; blob: Blob } };
  drafts: { key: string; value: NoteDraft };
  meta: { key: string; value: { key: string; value: string } };
  /** The whole library (issue 13): every note, live and trashed, in the server's list order. */
  replicaNotes: { key: string; value: ReplicaNote; indexes: { byList: string } };
  replicaTasks: { key: string; value: ReplicaTask };
  /** Local changes the server has not acknowledged yet, shown over the replica. */
  pending: { key: string; value: PendingEntry };
}

let opening: Promise<IDBPDatabase<OfflineSchema>> | undefined;

/** The device's one database (so signing out, which deletes it, takes drafts along). */
export function database(): Promise<IDBPDatabase<OfflineSchema>> {
  opening ??= openDB<OfflineSchema>(offlineDatabaseName, 4, {
    // Every store that is missing, whatever the version found: the schema only ever added
    // stores, and a database something else opened first (without a version: it is created at
    // version 1 with no stores) must still get all of them.
    upgrade(db) {
      const has = (name: StoreNames<OfflineSchema>) => db.objectStoreNames.contains(name);
      if (!has("notes")) db.createObjectStore("notes", { keyPath: "noteId" });
      if (!has("tasks")) db.createObjectStore("tasks", { keyPath: "taskId" });
      if (!has("outbox")) db.createObjectStore("outbox", { keyPath: "id" });
      if (!has("meta")) db.createObjectStore("meta", { keyPath: "key" });
      if (!has("files")) db.createObjectStore("files", { keyPath: "id" });
      if (!has("drafts")) db.createObjectStore("drafts", { keyPath: "noteId" });
      if (!has("replicaNotes")) {
        db.createObjectStore("replicaNotes", { keyPath: "noteId" }).createIndex(
          "byList",
          "listKey",
        );
      }
      if (!has("replicaTasks")) db.createObjectStore("replicaTasks", { keyPath: "taskId" });
      if (!has("pending")) db.createObjectStore("pending", { keyPath: "key" });
    },
    // Another tab upgrading the database, or the service worker wiping it when the session
    // ends, must not wait for this one to close: let go at once.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      opening = undefined;
    },
  });
  return opening;
}

export function isOfflineStoreAvailable(): boolean {
  return typeof indexedDB !== "undefined";
}

/** Starts a session on this device: another person's leftovers are wiped first. */
export async function claimForUser(userId: string): Promise<void> {
  const db = await database();
  const owner = await db.get("meta", "userId");
  if (owner && owner.value !== userId) {
    await clearOfflineStore();
    return claimForUser(userId);
  }
  if (!owner) await db.put("meta", { key: "userId", value: userId });
}

export async function rememberNotes(notes: readonly (Note | NoteCard)[]): Promise<void> {
  const db = await database();
  const tx = db.transaction(["notes", "meta"], "readwrite");
  for (const note of notes) {
    const existing = await tx.objectStore("notes").get(note.noteId);
    // A card never replaces the full note (with its body) already kept.
    if (
      existing &&
      "content" in existing &&
      !("content" in note) &&
      existing.version >= note.version
    )
      continue;
    await tx.objectStore("notes").put(note);
  }
  await tx.objectStore("meta").put({ key: "lastSync", value: new Date().toISOString() });
  await tx.done;
}

export async function rememberTasks(tasks: readonly OfflineTaskCard[]): Promise<void> {
  const db = await database();
  const tx = db.transaction(["tasks", "meta"], "readwrite");
  for (const task of tasks) await tx.objectStore("tasks").put(task);
  await tx.objectStore("meta").put({ key: "lastSync", value: new Date().toISOString() });
  await tx.done;
}

export async function readLibrary() {
  const db = await database();
  const [notes, tasks, lastSync] = await Promise.all([
    db.getAll("notes"),
    db.getAll("tasks"),
    db.get("meta", "lastSync"),
  ]);
  return {
    notes: notes.sort((a, b) => compareCodeUnits(b.updatedAt, a.updatedAt)),
    tasks: tasks.sort((a, b) => compareCodeUnits(b.updatedAt, a.updatedAt)),
    lastSync: lastSync?.value,
  };
}

/** When this device last heard from the server (an outbox replay), without reading the library. */
export async function readLastSync(): Promise<string | undefined> {
  return (await (await database()).get("meta", "lastSync"))?.value;
}

export async function enqueueMutation(mutation: QueuedMutation): Promise<void> {
  const db = await database();
  const tx = db.transaction("outbox", "readwrite");
  const queued = mutation.mergeKey
    ? (await tx.store.getAll())
        .map(readMutation)
        .filter((candidate) => candidate !== undefined)
        .sort((a, b) => compareCodeUnits(a.id, b.id))
        .find(
          (candidate) =>
            candidate.mergeKey === mutation.mergeKey && !candidate.sent && !candidate.setAside,
        )
    : undefined;
  if (queued) {
    // Field by field: the newest value of each field, the first one's base (what the device saw
    // before either) and place in line. A new body needs a new key: a key names one request.
    await tx.store.put({
      ...queued,
      body: mergeQueuedBodies(queued.body, mutation.body),
      idempotencyKey: mutation.idempotencyKey,
    });
  } else {
    await tx.store.put(mutation);
  }
  await tx.done;
}

/** Every change on the device, set-aside ones included, oldest first. */
export async function queuedMutations(): Promise<QueuedMutation[]> {
  const db = await database();
  return (await db.getAll("outbox"))
    .map(readMutation)
    .filter((mutation) => mutation !== undefined)
    .sort((a, b) => compareCodeUnits(a.id, b.id));
}

/**
 * The change as stored now, marked as sent before it goes out (in one transaction, so an edit
 * merged after the queue was read goes with it, and none is merged into it afterwards).
 */
export async function takeForSending(id: string): Promise<QueuedMutation | undefined> {
  const tx = (await database()).transaction("outbox", "readwrite");
  const stored = readMutation(await tx.store.get(id));
  const taken = stored && !stored.setAside ? { ...stored, sent: true } : undefined;
  if (taken) await tx.store.put(taken);
  await tx.done;
  return taken;
}

/** Sets a change aside (`message`) or, with undefined, puts it back in line. */
export async function setMutationAside(id: string, message: string | undefined): Promise<void> {
  const tx = (await database()).transaction("outbox", "readwrite");
  const stored = readMutation(await tx.store.get(id));
  if (stored) await tx.store.put({ ...stored, setAside: message });
  await tx.done;
}

export async function removeMutation(id: string): Promise<void> {
  const db = await database();
  const mutation = await db.get("outbox", id);
  if (mutation?.fileId) await db.delete("files", mutation.fileId);
  await db.delete("outbox", id);
}

export async function keepFile(id: string, blob: Blob): Promise<void> {
  await (await database()).put("files", { id, blob });
}

export async function keptFile(id: string): Promise<Blob | undefined> {
  return (await (await database()).get("files", id))?.blob;
}

/** Everything this device kept: IndexedDB and the service worker's runtime caches. */
export async function clearOfflineStore(): Promise<void> {
  if (opening) {
    (await opening).close();
    opening = undefined;
  }
  await wipeDeviceData();
}
