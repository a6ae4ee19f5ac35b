/**
 * Search over the replica, loaded on first use (issue 14 §1): `loadLibrarySearch()` imports the
 * engine (MiniSearch and the index code are never in the first paint's bundle), builds the index
 * from the replica once per tab and keeps it current through `onReplicaChange`, which names
 * the records that changed: only those are read again and re-indexed.
 *
 * Rebuilt at every start rather than persisted. Measured on 10,000 notes (median 1 KB) and
 * 2,000 tasks in Node (bench/search.ts prints the same side by side): building took ~3.1 s of
 * CPU, loading a saved index ~0.6 s, but the saved JSON is ~12 MB (more than the text it
 * indexes) that IndexedDB would hold twice over with the replica, and it would need versioning,
 * a diff against the replica at every start (which is read either way, for snippets and
 * filters) and a place in the device wipe. The build runs on focus or when the browser is
 * idle, in chunks that yield to the page, so typing never waits on it; persisting is the next
 * step if first-use time matters more than storage.
 */
import { onReplicaChange, type ReplicaChange } from "@/lib/replica/changes";
import type { LibrarySearch } from "@/lib/search/types";

type Engine = typeof import("@/lib/search/library-index");
type Docs = typeof import("@/lib/search/documents");
type Store = typeof import("@/lib/replica/store");

/** Past this many named records, one pass over everything is cheaper than one read each. */
const readEachLimit = 200;

let loading: Promise<LibrarySearch> | undefined;
let loaded: LibrarySearch | undefined;
const indexedListeners = new Set<() => void>();

/** The search, once loaded in this tab (synchronously, for a view already showing results). */
export function loadedLibrarySearch(): LibrarySearch | undefined {
  return loaded;
}

/** Calls `listener` after the index took in a change (results shown may be stale). */
export function onLibraryIndexed(listener: () => void): () => void {
  indexedListeners.add(listener);
  return () => indexedListeners.delete(listener);
}

/** The search over this tab's replica; safe to call often (one index per tab). */
export function loadLibrarySearch(): Promise<LibrarySearch> {
  loading ??= start().then(
    (search) => {
      loaded = search;
      return search;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

async function start(): Promise<LibrarySearch> {
  const [engine, docs, store] = await Promise.all([
    import("@/lib/search/library-index") as Promise<Engine>,
    import("@/lib/search/documents") as Promise<Docs>,
    import("@/lib/replica/store") as Promise<Store>,
  ]);
  const index = new engine.LibraryIndex();
  const keeper = new IndexKeeper(index, docs, store);
  // Listening before the first read: a change landing during the build is applied after it.
  onReplicaChange((change) => keeper.queue(change));
  performance.mark("jotboard-search:start");
  const everything = await readEverything(docs, store);
  performance.mark("jotboard-search:read");
  await index.addAll(everything);
  performance.mark("jotboard-search:built");
  performance.measure("jotboard-search:read", "jotboard-search:start", "jotboard-search:read");
  performance.measure("jotboard-search:index", "jotboard-search:read", "jotboard-search:built");
  performance.measure("jotboard-search:build", {
    start: "jotboard-search:start",
    end: "jotboard-search:built",
    detail: { docs: index.size },
  });
  keeper.open();
  return index;
}

async function readEverything(docs: Docs, store: Store) {
  const [notes, tasks] = await Promise.all([
    store.readNotes({ limit: Number.POSITIVE_INFINITY }),
    store.readTasks(),
  ]);
  return [...notes.map(docs.noteDoc), ...tasks.map(docs.taskDoc)].filter(
    (doc) => doc !== undefined,
  );
}

type Index = InstanceType<Engine["LibraryIndex"]>;

/** Applies replica changes to the index one batch at a time, folding those that wait. */
class IndexKeeper {
  private waiting: { all: boolean; notes: Set<string>; tasks: Set<string> } | undefined;
  private running = false;
  private opened = false;

  constructor(
    private readonly index: Index,
    private readonly docs: Docs,
    private readonly store: Store,
  ) {}

  open() {
    this.opened = true;
    void this.run();
  }

  queue(change: ReplicaChange) {
    this.waiting ??= { all: false, notes: new Set(), tasks: new Set() };
    const waiting = this.waiting;
    if (change.all) waiting.all = true;
    else {
      for (const id of change.notes) waiting.notes.add(id);
      for (const id of change.tasks) waiting.tasks.add(id);
    }
    void this.run();
  }

  private async run() {
    if (this.running || !this.opened) return;
    this.running = true;
    try {
      while (this.waiting) {
        const batch = this.waiting;
        this.waiting = undefined;
        try {
          if (batch.all || batch.notes.size + batch.tasks.size > readEachLimit) await this.diff();
          else await this.readEach(batch.notes, batch.tasks);
        } catch {
          // The database went away (a wipe): the index keeps what it has.
        }
        for (const listener of [...indexedListeners]) listener();
      }
    } finally {
      this.running = false;
    }
  }

  private async readEach(notes: Set<string>, tasks: Set<string>) {
    const { docs, store, index } = this;
    const [readNotes, readTasks] = await Promise.all([
      Promise.all([...notes].map((id) => store.readNote(id))),
      Promise.all([...tasks].map((id) => store.readTask(id))),
    ]);
    [...notes].forEach((id, at) => {
      const note = readNotes[at];
      index.put(docs.noteDocId(id), note && docs.noteDoc(note));
    });
    [...tasks].forEach((id, at) => {
      const task = readTasks[at];
      index.put(docs.taskDocId(id), task && docs.taskDoc(task));
    });
  }

  /** Everything may have changed (a snapshot page, a start-over): re-index only what differs. */
  private async diff() {
    const fresh = await readEverything(this.docs, this.store);
    const freshIds = new Set(fresh.map((doc) => doc.id));
    for (const id of [...this.index.ids()]) if (!freshIds.has(id)) this.index.put(id, undefined);
    for (const doc of fresh) this.index.put(doc.id, doc);
  }
}
