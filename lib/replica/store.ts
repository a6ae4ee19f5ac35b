/**
 * The replica of the person's whole library on this device (issue 13 §2), in the `jotboard`
 * IndexedDB database beside the outbox and drafts (one wipe takes all of it). Writes announce
 * themselves (lib/replica/changes.ts) once committed; reads apply the pending overlay.
 *
 * On `idb` (1 KB) with a small subscription layer rather than Dexie (~30 KB gzip of a 60 KB
 * budget): one database also lets a local write and its outbox entry share a transaction.
 */
import { decodeTime } from "ulid";
import type { Note } from "@/lib/notes/types";
import { database } from "@/lib/offline/store";
import { announceReplicaChange, type ReplicaChange } from "@/lib/replica/changes";
import {
  listPrefix,
  mergeNoteList,
  overlay,
  type PendingEntry,
  pendingKey,
  plainNote,
  type RecordKind,
  type ReplicaNote,
  type ReplicaTask,
  replaces,
  toReplicaNote,
} from "@/lib/replica/records";
import type { SnapshotPage, SyncChange } from "@/lib/sync/types";
import type { Task } from "@/lib/tasks/types";

export type ReplicaState = "absent" | "filling" | "ready";

export interface ReplicaStatus {
  readonly state: ReplicaState;
  /** Records stored by the snapshot under way (or the last one), out of `total`. */
  readonly done: number;
  readonly total: number;
}

/** What the sync engine needs to know to go on where it stopped (a reload, a lost connection). */
export interface SyncPosition {
  readonly state: ReplicaState;
  /** Where incremental pulls start; absent until a snapshot completed (or after start-over). */
  readonly feedCursor?: string;
  /** The snapshot page to fetch next, when a snapshot is under way. */
  readonly snapshotPage?: string;
}

const meta = {
  state: "replicaState",
  feedCursor: "feedCursor",
  snapshotPage: "snapshotPage",
  snapshotCursor: "snapshotCursor",
  done: "snapshotDone",
  total: "snapshotTotal",
  sweep: "snapshotSweep",
} as const;

function plainTask(task: ReplicaTask): Task {
  const { snap: _snap, ...plain } = task;
  return plain;
}

async function metaValues(): Promise<Map<string, string>> {
  const rows = await (await database()).getAll("meta");
  return new Map(rows.map((row) => [row.key, row.value]));
}

export async function replicaStatus(): Promise<ReplicaStatus> {
  const values = await metaValues();
  return {
    state: (values.get(meta.state) as ReplicaState | undefined) ?? "absent",
    done: Number(values.get(meta.done) ?? 0),
    total: Number(values.get(meta.total) ?? 0),
  };
}

export async function syncPosition(): Promise<SyncPosition> {
  const values = await metaValues();
  return {
    state: (values.get(meta.state) as ReplicaState | undefined) ?? "absent",
    feedCursor: values.get(meta.feedCursor),
    snapshotPage: values.get(meta.snapshotPage),
  };
}

/**
 * Stores one page of a snapshot. A page with a new cursor starts a new snapshot; the last page
 * removes what no page of it held (a start-over replaces the library, never adds to it) and
 * makes its cursor the feed's.
 */
export async function applySnapshotPage(page: SnapshotPage): Promise<void> {
  const tx = (await database()).transaction(["replicaNotes", "replicaTasks", "meta"], "readwrite");
  const notes = tx.objectStore("replicaNotes");
  const tasks = tx.objectStore("replicaTasks");
  const metaStore = tx.objectStore("meta");
  const put = (key: string, value: string) => metaStore.put({ key, value });
  const started = (await metaStore.get(meta.snapshotCursor))?.value;
  let done = Number((await metaStore.get(meta.done))?.value ?? 0);
  if (started !== page.cursor) {
    done = 0;
    const kept = (await notes.count()) + (await tasks.count());
    await put(meta.snapshotCursor, page.cursor);
    await put(meta.sweep, kept > 0 ? "1" : "0");
    if (!(await metaStore.get(meta.state))) await put(meta.state, "filling");
  }
  // Every put asked for at once: awaiting each in turn costs a round trip through the event
  // loop per record (thousands a page), asking together lets IndexedDB run them back to back.
  await Promise.all([
    ...page.notes.map((note) => notes.put(toReplicaNote(note, page.cursor))),
    ...page.tasks.map((task) => tasks.put({ ...task, snap: page.cursor })),
  ]);
  done += page.notes.length + page.tasks.length;
  await put(meta.done, String(done));
  await put(meta.total, String(Math.max(page.total, done)));
  if (page.page) {
    await put(meta.snapshotPage, page.page);
  } else {
    if ((await metaStore.get(meta.sweep))?.value === "1") {
      for (const store of [notes, tasks] as const) {
        for (let row = await store.openCursor(); row; row = await row.continue()) {
          if (row.value.snap !== page.cursor) await row.delete();
        }
      }
    }
    await put(meta.feedCursor, page.cursor);
    await put(meta.state, "ready");
    await metaStore.delete(meta.snapshotPage);
    await metaStore.delete(meta.snapshotCursor);
    await metaStore.delete(meta.sweep);
  }
  await tx.done;
  announceReplicaChange({ all: true });
}

/** A first sync begins: views may show its progress before the first page arrives. */
export async function markFilling(): Promise<void> {
  const tx = (await database()).transaction("meta", "readwrite");
  const marked = !(await tx.store.get(meta.state));
  if (marked) await tx.store.put({ key: meta.state, value: "filling" });
  await tx.done;
  if (marked) announceReplicaChange({ all: true });
}

/** The feed said the cursor is too old: the next sync takes a new snapshot (views keep theirs). */
export async function startOver(): Promise<void> {
  const tx = (await database()).transaction("meta", "readwrite");
  for (const key of [meta.feedCursor, meta.snapshotPage, meta.snapshotCursor, meta.sweep]) {
    await tx.store.delete(key);
  }
  await tx.done;
}

/**
 * Stores pulled changes in commit order and, in the same transaction, where the next pull starts.
 * With `from` (the cursor the pull was asked from), nothing is stored and `false` comes back when
 * the replica's cursor moved meanwhile: another tab pulled or started over, or the device was
 * told to start over, and this answer belongs to a position the replica has left.
 */
export async function applyChanges(
  changes: readonly SyncChange[],
  cursor?: string,
  from?: string,
): Promise<boolean> {
  const tx = (await database()).transaction(["replicaNotes", "replicaTasks", "meta"], "readwrite");
  if (from !== undefined && (await tx.objectStore("meta").get(meta.feedCursor))?.value !== from) {
    await tx.done;
    return false;
  }
  const notes = tx.objectStore("replicaNotes");
  const tasks = tx.objectStore("replicaTasks");
  for (const change of changes) {
    if (change.kind === "note") {
      if (!change.note) await notes.delete(change.id);
      else if (replaces(change.note, await notes.get(change.id)))
        await notes.put(toReplicaNote(change.note));
    } else if (!change.task) await tasks.delete(change.id);
    else if (replaces(change.task, await tasks.get(change.id))) await tasks.put(change.task);
  }
  if (cursor) await tx.objectStore("meta").put({ key: meta.feedCursor, value: cursor });
  await tx.done;
  if (changes.length > 0) announceReplicaChange(namedIn(changes));
  return true;
}

/**
 * A write's answer from the server: the record goes into the replica (unless a newer one is
 * there) and, when given, the pending change it answers is cleared, in one transaction.
 */
export async function storeAnswer(
  kind: RecordKind,
  record: Note | Task,
  mutationId?: string,
): Promise<void> {
  const tx = (await database()).transaction(
    ["replicaNotes", "replicaTasks", "pending"],
    "readwrite",
  );
  if (kind === "note") {
    const note = record as Note;
    const notes = tx.objectStore("replicaNotes");
    if (replaces(note, await notes.get(note.noteId))) await notes.put(toReplicaNote(note));
  } else {
    const task = record as Task;
    const tasks = tx.objectStore("replicaTasks");
    if (replaces(task, await tasks.get(task.taskId))) await tasks.put(task);
  }
  if (mutationId) await clearPendingIn(tx.objectStore("pending"), mutationId);
  await tx.done;
  announceReplicaChange(
    kind === "note"
      ? { notes: [(record as Note).noteId], tasks: [] }
      : { notes: [], tasks: [(record as Task).taskId] },
  );
}

/** Notes of the list (or the trash) in list order, the pending overlay applied, `limit` at most. */
export async function readNotes(options: {
  readonly trash?: boolean;
  readonly limit: number;
}): Promise<Note[]> {
  const trash = options.trash ?? false;
  const tx = (await database()).transaction(["replicaNotes", "pending"], "readonly");
  const pending = (await tx.objectStore("pending").getAll()).filter(
    (entry) => entry.kind === "note",
  );
  const pendingIds = new Set(pending.map((entry) => entry.id));
  const prefix = listPrefix(trash);
  const kept: ReplicaNote[] = [];
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  let row = await tx.objectStore("replicaNotes").index("byList").openCursor(range, "prev");
  // Enough kept notes for a full page whatever the pending ones turn out to be.
  while (row && kept.length < options.limit) {
    if (!pendingIds.has(row.value.noteId)) kept.push(row.value);
    row = await row.continue();
  }
  await tx.done;
  return mergeNoteList(kept, pending, { trash, limit: options.limit });
}

export async function readNote(noteId: string): Promise<Note | undefined> {
  const tx = (await database()).transaction(["replicaNotes", "pending"], "readonly");
  const [kept, entry] = await Promise.all([
    tx.objectStore("replicaNotes").get(noteId),
    tx.objectStore("pending").get(pendingKey("note", noteId)),
  ]);
  await tx.done;
  return overlay(kept && plainNote(kept), entry);
}

/** Every task, live and deleted, the pending overlay applied, in no particular order. */
export async function readAllTasks(): Promise<Task[]> {
  const tx = (await database()).transaction(["replicaTasks", "pending"], "readonly");
  const [kept, pending] = await Promise.all([
    tx.objectStore("replicaTasks").getAll(),
    tx.objectStore("pending").getAll(),
  ]);
  await tx.done;
  const byId = new Map<string, Task>(kept.map((task) => [task.taskId, plainTask(task)]));
  for (const entry of pending) {
    if (entry.kind !== "task") continue;
    if (entry.record) byId.set(entry.id, entry.record as Task);
    else byId.delete(entry.id);
  }
  return [...byId.values()];
}

/** Live tasks (or trashed ones), the pending overlay applied, in no particular order. */
export async function readTasks(options: { readonly trash?: boolean } = {}): Promise<Task[]> {
  const trash = options.trash ?? false;
  return (await readAllTasks()).filter((task) => (task.deletedAt !== null) === trash);
}

/** The named tasks, the pending overlay applied, in one transaction; `undefined` when gone. */
export async function readTasksById(
  taskIds: readonly string[],
): Promise<Map<string, Task | undefined>> {
  const tx = (await database()).transaction(["replicaTasks", "pending"], "readonly");
  const tasks = tx.objectStore("replicaTasks");
  const pending = tx.objectStore("pending");
  const read = await Promise.all(
    taskIds.map(async (taskId) => {
      const [kept, entry] = await Promise.all([
        tasks.get(taskId),
        pending.get(pendingKey("task", taskId)),
      ]);
      return [taskId, overlay(kept && plainTask(kept), entry)] as const;
    }),
  );
  await tx.done;
  return new Map(read);
}

/** The titles of the named notes, in one transaction; `null` for a deleted or unknown note. */
export async function readNoteTitles(
  noteIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (noteIds.length === 0) return new Map();
  const tx = (await database()).transaction(["replicaNotes", "pending"], "readonly");
  const notes = tx.objectStore("replicaNotes");
  const pending = tx.objectStore("pending");
  const read = await Promise.all(
    noteIds.map(async (noteId) => {
      const [kept, entry] = await Promise.all([
        notes.get(noteId),
        pending.get(pendingKey("note", noteId)),
      ]);
      const note = overlay(kept && plainNote(kept), entry);
      return [noteId, note && note.deletedAt === null ? note.title : null] as const;
    }),
  );
  await tx.done;
  return new Map(read);
}

export async function readTask(taskId: string): Promise<Task | undefined> {
  const tx = (await database()).transaction(["replicaTasks", "pending"], "readonly");
  const [kept, entry] = await Promise.all([
    tx.objectStore("replicaTasks").get(taskId),
    tx.objectStore("pending").get(pendingKey("task", taskId)),
  ]);
  await tx.done;
  return overlay(kept && plainTask(kept), entry);
}

/** A local change shown at once over the replica until the server answers it. */
export async function setPending(
  kind: RecordKind,
  id: string,
  record: Note | Task | null,
  mutationId: string,
): Promise<void> {
  const entry: PendingEntry = { key: pendingKey(kind, id), kind, id, record, mutationId };
  await (await database()).put("pending", entry);
  announceReplicaChange(namedIn([{ kind, id }]));
}

/** The pending store of a read-write transaction (whichever stores it spans). */
interface PendingStore {
  getAll(): Promise<PendingEntry[]>;
  delete(key: string): Promise<void>;
}

async function clearPendingIn(store: PendingStore, mutationId: string): Promise<PendingEntry[]> {
  const answered = (await store.getAll()).filter((entry) => entry.mutationId === mutationId);
  for (const entry of answered) await store.delete(entry.key);
  return answered;
}

function namedIn(records: readonly { kind: RecordKind; id: string }[]): ReplicaChange {
  const ids = (kind: RecordKind) => records.filter((r) => r.kind === kind).map((r) => r.id);
  return { notes: ids("note"), tasks: ids("task") };
}

/**
 * Drops overlay entries no answer will ever clear. A change sent straight to the server (not
 * queued) is answered by the page that sent it; a page left or reloaded before the answer came
 * leaves its entry behind, and an overlay always wins over the replica, so the record would
 * show that old change for good, over every later one (a board kept a moved card's old place
 * after a reload). Kept: entries whose change waits in the outbox (`waiting`, its replay
 * answers them) and those made from `before` on (this page's changes in flight). Another open
 * tab's change in flight since before this page loaded also goes: its record shows the replica
 * until that tab stores the answer.
 */
export async function dropUnansweredOverlays(
  waiting: ReadonlySet<string>,
  before: number,
): Promise<void> {
  const madeBefore = (mutationId: string) => {
    try {
      return decodeTime(mutationId) < before;
    } catch {
      return true;
    }
  };
  const tx = (await database()).transaction("pending", "readwrite");
  const stale = (await tx.store.getAll()).filter(
    (entry) => !waiting.has(entry.mutationId) && madeBefore(entry.mutationId),
  );
  for (const entry of stale) await tx.store.delete(entry.key);
  await tx.done;
  if (stale.length > 0) announceReplicaChange(namedIn(stale));
}

/** The server answered (or refused) a mutation: its pending change no longer shows. */
export async function clearPending(mutationId: string): Promise<void> {
  const tx = (await database()).transaction("pending", "readwrite");
  const cleared = await clearPendingIn(tx.store, mutationId);
  await tx.done;
  if (cleared.length > 0) announceReplicaChange(namedIn(cleared));
}
