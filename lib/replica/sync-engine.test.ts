import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Note } from "@/lib/notes/types";
import { endDeviceSession, watchSessionEnd } from "@/lib/offline/device-data";
import { clearOfflineStore } from "@/lib/offline/store";
import {
  applyChanges,
  readNotes,
  replicaStatus,
  startOver,
  syncPosition,
} from "@/lib/replica/store";
import { pullNow, startSync, stopSync } from "@/lib/replica/sync-engine";
import { type ChangesAnswer, type SnapshotPage, snapshotGzipType } from "@/lib/sync/types";
import { noteFixture } from "@/lib/testing/fixtures";

// IndexedDB in memory (fake-indexeddb). `fetch` answers as the sync endpoints would (types in
// lib/sync/types.ts): a test double of the HTTP answer only; the endpoints have their own tests.
const note = (noteId: string, fields: Partial<Note> = {}) => noteFixture({ noteId, ...fields });

type Answer = { status: number; body?: SnapshotPage | ChangesAnswer };
let answers: Map<string, Answer[]>;
let asked: string[];
/** Holds every answer back until resolved. */
let held: { promise: Promise<void>; resolve: () => void } | undefined;

function hold() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function answer(url: string, ...replies: Answer[]) {
  answers.set(url, [...(answers.get(url) ?? []), ...replies]);
}

const assign = vi.fn();

beforeEach(() => {
  answers = new Map();
  asked = [];
  held = undefined;
  assign.mockReset();
  const events = new EventTarget();
  vi.stubGlobal(
    "window",
    Object.assign(events, { location: { protocol: "http:", pathname: "/notes", replace: assign } }),
  );
  vi.stubGlobal(
    "document",
    Object.assign(new EventTarget(), { visibilityState: "visible", cookie: "" }),
  );
  vi.stubGlobal("fetch", async (url: string) => {
    asked.push(url);
    await held?.promise;
    const reply = answers.get(url)?.shift() ?? { status: 500 };
    return new Response(JSON.stringify(reply.body ?? {}), { status: reply.status });
  });
});

afterEach(async () => {
  stopSync();
  vi.unstubAllGlobals();
  await clearOfflineStore();
});

const snapshot = (fields: Partial<SnapshotPage>): Answer => ({
  status: 200,
  body: { notes: [], tasks: [], page: null, cursor: "c1", total: 3, ...fields },
});
const changes = (fields: Partial<Extract<ChangesAnswer, { kind: "changes" }>>): Answer => ({
  status: 200,
  body: { kind: "changes", changes: [], cursor: "c2", more: false, ...fields },
});

describe("the sync engine", () => {
  it("fills the replica page by page, pulls what changed meanwhile, then marks it ready", async () => {
    answer("/api/sync/snapshot", snapshot({ notes: [note("01A"), note("01B")], page: "p2" }));
    answer("/api/sync/snapshot?page=p2", snapshot({ notes: [note("01C")] }));
    answer(
      "/api/sync/changes?cursor=c1",
      changes({ changes: [{ seq: 2, kind: "note", id: "01A", note: null }] }),
    );
    startSync("user-1");
    await pullNow();
    // (Then the pull this test asked for, coalesced after the one the start made.)
    expect(asked.slice(0, 3)).toEqual([
      "/api/sync/snapshot",
      "/api/sync/snapshot?page=p2",
      "/api/sync/changes?cursor=c1",
    ]);
    expect((await readNotes({ limit: 9 })).map((n) => n.noteId).sort()).toEqual(["01B", "01C"]);
    expect(await replicaStatus()).toMatchObject({ state: "ready", done: 3 });
    expect(document.cookie).toContain("jotboard-replica=user-1");
  });

  it("asks for the next snapshot page while the one before is being stored", async () => {
    answer("/api/sync/snapshot", snapshot({ notes: [note("01A"), note("01B")], page: "p2" }));
    answer("/api/sync/snapshot?page=p2", snapshot({ notes: [note("01C")], page: "p3" }));
    answer("/api/sync/snapshot?page=p3", snapshot({ notes: [note("01D")] }));
    answer("/api/sync/changes?cursor=c1", changes({ cursor: "c1" }));
    const storedWhenAsked = new Map<string, number>();
    const answerOf = fetch;
    vi.stubGlobal("fetch", async (url: string) => {
      // The status read is queued before the page before it is stored, when asked ahead.
      if (url.includes("page=")) storedWhenAsked.set(url, (await replicaStatus()).done);
      return answerOf(url);
    });
    startSync("user-1");
    await pullNow();
    expect(Object.fromEntries(storedWhenAsked)).toEqual({
      "/api/sync/snapshot?page=p2": 0,
      "/api/sync/snapshot?page=p3": 2,
    });
    expect(asked.filter((url) => url.includes("page="))).toHaveLength(2);
    expect((await readNotes({ limit: 9 })).map((n) => n.noteId).sort()).toEqual([
      "01A",
      "01B",
      "01C",
      "01D",
    ]);
  });

  it("shows a first sync as filling before its first page arrives", async () => {
    held = hold();
    answer("/api/sync/snapshot", snapshot({}));
    answer("/api/sync/changes?cursor=c1", changes({ cursor: "c1" }));
    startSync("user-1");
    const done = pullNow();
    await vi.waitFor(() => expect(asked).toEqual(["/api/sync/snapshot"]));
    expect(await replicaStatus()).toEqual({ state: "filling", done: 0, total: 0 });
    held.resolve();
    await done;
    expect((await replicaStatus()).state).toBe("ready");
  });

  it("pulls again at once while the feed says there is more", async () => {
    answer("/api/sync/snapshot", snapshot({}));
    answer("/api/sync/changes?cursor=c1", changes({ cursor: "c2", more: true }));
    answer("/api/sync/changes?cursor=c2", changes({ cursor: "c3" }));
    startSync("user-1");
    await pullNow();
    expect(asked).toContain("/api/sync/changes?cursor=c2");
    expect((await syncPosition()).feedCursor).toBe("c3");
  });

  it("coalesces pulls asked for while one is in flight into one more", async () => {
    answer("/api/sync/snapshot", snapshot({}));
    answer("/api/sync/changes?cursor=c1", changes({ cursor: "c1" }), changes({ cursor: "c1" }));
    startSync("user-1");
    await Promise.all([pullNow(), pullNow(), pullNow(), pullNow()]);
    expect(asked.filter((url) => url.startsWith("/api/sync/changes"))).toHaveLength(2);
  });

  it("starts over cleanly from a new snapshot when the cursor is too old", async () => {
    answer("/api/sync/snapshot", snapshot({ notes: [note("01A"), note("01B")], cursor: "old" }));
    answer("/api/sync/changes?cursor=old", changes({ cursor: "old" }));
    startSync("user-1");
    await pullNow();
    answer("/api/sync/changes?cursor=old", { status: 200, body: { kind: "start-over" } });
    answer(
      "/api/sync/snapshot",
      snapshot({ notes: [note("01B", { title: "Now" })], cursor: "new" }),
    );
    answer("/api/sync/changes?cursor=new", changes({ cursor: "new" }));
    await pullNow();
    const notes = await readNotes({ limit: 9 });
    expect(notes.map((n) => [n.noteId, n.title])).toEqual([["01B", "Now"]]);
    expect((await syncPosition()).feedCursor).toBe("new");
  });

  it("wipes the device and goes to sign in on a 401", async () => {
    answer("/api/sync/snapshot", snapshot({}));
    answer("/api/sync/changes?cursor=c1", changes({ cursor: "c1" }));
    startSync("user-1");
    await pullNow();
    await applyChanges([{ seq: 2, kind: "note", id: "01A", note: note("01A") }]);
    answer("/api/sync/changes?cursor=c1", { status: 401 });
    // A signed-in page (the app frame watches for the session's end) leaves for sign-in.
    const unwatch = watchSessionEnd();
    await pullNow();
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith("/signin"));
    unwatch();
    await endDeviceSession(); // the wipe under way

    expect(await replicaStatus()).toMatchObject({ state: "absent" });
    expect(document.cookie).not.toContain("jotboard-replica=user-1");
  });

  it("stops, asking nothing, once another tab's sign-out deleted the replica under it", async () => {
    answer("/api/sync/snapshot", snapshot({}));
    answer("/api/sync/changes?cursor=c1", changes({ cursor: "c1" }), changes({ cursor: "c1" }));
    startSync("user-1");
    await pullNow();
    await clearOfflineStore();
    const before = asked.length;
    await pullNow();
    await pullNow();
    expect(asked).toHaveLength(before);
    expect(assign).not.toHaveBeenCalled();
  });

  it("asks for snapshot pages gzip'd and inflates them", async () => {
    const accepts: (string | null)[] = [];
    const page = snapshot({ notes: [note("01A"), note("01B")] }).body;
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      asked.push(url);
      if (url.startsWith("/api/sync/changes")) {
        return new Response(JSON.stringify(changes({ cursor: "c1" }).body));
      }
      accepts.push(new Headers(init?.headers).get("accept"));
      const gzipped = new Response(JSON.stringify(page)).body?.pipeThrough(
        new CompressionStream("gzip"),
      );
      return new Response(gzipped, { headers: { "content-type": snapshotGzipType } });
    });
    startSync("user-1");
    await pullNow();
    expect(accepts[0]).toContain(snapshotGzipType);
    expect((await readNotes({ limit: 9 })).map((n) => n.noteId).sort()).toEqual(["01A", "01B"]);
    expect(await replicaStatus()).toMatchObject({ state: "ready", done: 2 });
  });

  it("goes on where it stopped after a failed page", async () => {
    answer("/api/sync/snapshot", snapshot({ notes: [note("01A")], page: "p2" }));
    answer("/api/sync/snapshot?page=p2", { status: 503 });
    startSync("user-1");
    await pullNow();
    expect(await replicaStatus()).toMatchObject({ state: "filling", done: 1 });
    answer("/api/sync/snapshot?page=p2", snapshot({ notes: [note("01B")] }));
    answer("/api/sync/changes?cursor=c1", changes({ cursor: "c1" }));
    await pullNow();
    expect(await replicaStatus()).toMatchObject({ state: "ready", done: 2 });
  });

  it("drops a pull's answer when the cursor moved under it (another tab started over), and pulls again", async () => {
    answer("/api/sync/snapshot", snapshot({ notes: [note("01A")] }));
    answer("/api/sync/changes?cursor=c1", changes({ cursor: "c1" }));
    startSync("user-1");
    await pullNow();
    // A pull from c1 is on its way when another tab forgets the cursor to start over.
    held = hold();
    answer(
      "/api/sync/changes?cursor=c1",
      changes({ changes: [{ seq: 2, kind: "note", id: "01B", note: note("01B") }], cursor: "c2" }),
    );
    answer("/api/sync/snapshot", snapshot({ notes: [note("01C")], cursor: "c9" }));
    answer("/api/sync/changes?cursor=c9", changes({ cursor: "c9" }));
    const pulled = pullNow();
    await vi.waitFor(() => expect(asked.at(-1)).toBe("/api/sync/changes?cursor=c1"));
    await startOver();
    held.resolve();
    await pulled;
    await vi.waitFor(async () => expect((await syncPosition()).feedCursor).toBe("c9"));
    expect(asked.slice(-2)).toEqual(["/api/sync/snapshot", "/api/sync/changes?cursor=c9"]);
    expect((await readNotes({ limit: 9 })).map((n) => n.noteId)).toEqual(["01C"]);
  });
});
