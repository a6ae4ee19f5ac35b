import "fake-indexeddb/auto";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { clearOfflineStore } from "@/lib/offline/store";
import { onReplicaChange } from "@/lib/replica/changes";
import {
  applyChanges,
  applySnapshotPage,
  clearPending,
  dropUnansweredOverlays,
  readNote,
  readNotes,
  readTask,
  readTasks,
  replicaStatus,
  setPending,
  startOver,
  storeAnswer,
  syncPosition,
} from "@/lib/replica/store";
import type { SnapshotPage } from "@/lib/sync/types";
import { noteFixture, taskFixture } from "@/lib/testing/fixtures";

// IndexedDB in memory (fake-indexeddb); the browser's own is exercised by the e2e tests.
afterEach(() => clearOfflineStore());

const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, "0")}:00.000Z`;
const note = (noteId: string, minute: number, fields = {}) =>
  noteFixture({ noteId, updatedAt: at(minute), ...fields });

function page(fields: Partial<SnapshotPage>): SnapshotPage {
  return { notes: [], tasks: [], page: null, cursor: "c1", total: 0, ...fields };
}

describe("filling the replica from a snapshot", () => {
  it("is filling with progress until the last page, then ready with the snapshot's cursor", async () => {
    expect(await replicaStatus()).toEqual({ state: "absent", done: 0, total: 0 });
    await applySnapshotPage(
      page({ notes: [note("01A", 1), note("01B", 2)], page: "p2", total: 3 }),
    );
    expect(await replicaStatus()).toEqual({ state: "filling", done: 2, total: 3 });
    expect(await syncPosition()).toEqual({ state: "filling", snapshotPage: "p2" });
    await applySnapshotPage(page({ tasks: [taskFixture("01T")], total: 3 }));
    expect(await replicaStatus()).toEqual({ state: "ready", done: 3, total: 3 });
    expect(await syncPosition()).toEqual({ state: "ready", feedCursor: "c1" });
  });

  it("replaces the library on a new snapshot: what it no longer holds is gone, nothing doubles", async () => {
    await applySnapshotPage(page({ notes: [note("01A", 1), note("01B", 2)], cursor: "c1" }));
    await applySnapshotPage(page({ tasks: [taskFixture("01T")], cursor: "c1" }));
    await startOver();
    expect((await syncPosition()).feedCursor).toBeUndefined();
    await applySnapshotPage(page({ notes: [note("01B", 5)], page: "p2", cursor: "c9" }));
    // Views keep showing the old library while the new one comes in.
    expect((await replicaStatus()).state).toBe("ready");
    expect(await readNotes({ limit: 10 })).toHaveLength(2);
    await applySnapshotPage(page({ notes: [note("01C", 6)], cursor: "c9" }));
    expect((await readNotes({ limit: 10 })).map((n) => n.noteId)).toEqual(["01C", "01B"]);
    expect(await readTasks()).toEqual([]);
    expect((await syncPosition()).feedCursor).toBe("c9");
  });
});

describe("pulled changes", () => {
  it("store records and tombstones in order with the next cursor, and tell the views", async () => {
    await applySnapshotPage(page({ notes: [note("01A", 1), note("01B", 2)] }));
    let told = 0;
    const stop = onReplicaChange(() => told++);
    await applyChanges(
      [
        { seq: 4, kind: "note", id: "01A", note: note("01A", 7, { title: "Edited", version: 4 }) },
        { seq: 5, kind: "note", id: "01B", note: null },
        { seq: 6, kind: "task", id: "01T", task: taskFixture("01T") },
      ],
      "c2",
    );
    stop();
    expect(told).toBe(1);
    expect((await readNotes({ limit: 10 })).map((n) => n.title)).toEqual(["Edited"]);
    expect(await readNote("01B")).toBeUndefined();
    expect((await readTask("01T"))?.taskId).toBe("01T");
    expect((await syncPosition()).feedCursor).toBe("c2");
  });

  it("never put back an older version than a write's answer already stored", async () => {
    await applySnapshotPage(page({ notes: [note("01A", 1)] }));
    await storeAnswer("note", note("01A", 3, { title: "Answer", version: 5 }));
    await applyChanges([
      { seq: 2, kind: "note", id: "01A", note: note("01A", 2, { title: "Old", version: 4 }) },
    ]);
    expect((await readNote("01A"))?.title).toBe("Answer");
  });
});

describe("reading lists", () => {
  it("reads the list in the server's order with a limit, and the trash apart", async () => {
    await applySnapshotPage(
      page({
        notes: [
          note("01A", 1),
          note("01B", 2, { pinned: true }),
          note("01C", 3),
          note("01D", 4, { deletedAt: at(9) }),
        ],
      }),
    );
    expect((await readNotes({ limit: 2 })).map((n) => n.noteId)).toEqual(["01B", "01C"]);
    expect((await readNotes({ limit: 9 })).map((n) => n.noteId)).toEqual(["01B", "01C", "01A"]);
    expect((await readNotes({ trash: true, limit: 9 })).map((n) => n.noteId)).toEqual(["01D"]);
  });

  it("shows pending changes over the replica until they are cleared", async () => {
    await applySnapshotPage(
      page({ notes: [note("01A", 1), note("01B", 2)], tasks: [taskFixture("01T")] }),
    );
    await setPending("note", "01A", note("01A", 8, { deletedAt: at(8) }), "m1");
    await setPending("note", "01N", note("01N", 9, { title: "New" }), "m2");
    await setPending("task", "01T", null, "m3");
    expect((await readNotes({ limit: 1 })).map((n) => n.noteId)).toEqual(["01N"]);
    expect((await readNotes({ limit: 9 })).map((n) => n.noteId)).toEqual(["01N", "01B"]);
    expect((await readNotes({ trash: true, limit: 9 })).map((n) => n.noteId)).toEqual(["01A"]);
    expect(await readTasks()).toEqual([]);
    await clearPending("m1");
    await clearPending("m3");
    await storeAnswer("note", note("01N", 9, { title: "New" }), "m2");
    expect((await readNotes({ limit: 9 })).map((n) => n.noteId)).toEqual(["01N", "01B", "01A"]);
    expect((await readTasks()).map((t) => t.taskId)).toEqual(["01T"]);
    expect(await readTask("01T")).not.toHaveProperty("snap");
  });

  it("drops overlays no answer will ever clear: not waiting in the outbox, made before this page", async () => {
    await applySnapshotPage(
      page({
        tasks: [taskFixture("01A", { position: "a1" }), taskFixture("01B", { position: "b1" })],
      }),
    );
    const started = Date.UTC(2026, 10, 23, 12);
    // Sent straight to the server by a page left before the answer came: nothing clears it.
    await setPending("task", "01A", taskFixture("01A", { position: "c1" }), ulid(started - 5_000));
    // Waiting in the outbox: its replay will answer it.
    const queued = ulid(started - 4_000);
    await setPending("task", "01B", taskFixture("01B", { position: "c2" }), queued);
    // Made by this page (in flight now).
    await setPending("task", "01C", taskFixture("01C"), ulid(started + 1_000));
    const announced: unknown[] = [];
    const stop = onReplicaChange((change) => announced.push(change));
    await dropUnansweredOverlays(new Set([queued]), started);
    stop();
    const positions = Object.fromEntries((await readTasks()).map((t) => [t.taskId, t.position]));
    expect(positions).toEqual({ "01A": "a1", "01B": "c2", "01C": taskFixture("01C").position });
    expect(announced).toEqual([{ notes: [], tasks: ["01A"] }]);
  });
});
