import "fake-indexeddb/auto";
import { afterAll, expect, it } from "vitest";
import { clearOfflineStore } from "@/lib/offline/store";
import { applyChanges, applySnapshotPage, setPending, storeAnswer } from "@/lib/replica/store";
import { loadLibrarySearch, onLibraryIndexed } from "@/lib/search/load";
import { noteFixture, taskFixture } from "@/lib/testing/fixtures";

// IndexedDB in memory (fake-indexeddb); the browser's own is exercised by e2e/search.spec.ts.
afterAll(() => clearOfflineStore());

const titles = async (query: string) =>
  (await loadLibrarySearch()).search(query).hits.map((hit) => hit.title);

/** Resolves after the index next takes in a change of the replica. */
const indexed = () =>
  new Promise<void>((resolve) => {
    const stop = onLibraryIndexed(() => {
      stop();
      resolve();
    });
  });

it("builds from the replica once, then follows each named change without a rebuild", async () => {
  const kept = noteFixture({ noteId: "01JAAAAAAAAAAAAAAAAAAAAAA1", title: "Harbour walk" });
  const other = noteFixture({ noteId: "01JAAAAAAAAAAAAAAAAAAAAAA2", title: "Lighthouse" });
  const task = taskFixture("01JAAAAAAAAAAAAAAAAAAAAAA3", { description: "Buy harbour maps" });
  await applySnapshotPage({
    notes: [kept, other],
    tasks: [task],
    page: null,
    cursor: "c1",
    total: 3,
  });

  expect(await loadLibrarySearch()).toBe(await loadLibrarySearch());
  expect(await titles("harbour")).toEqual(["Harbour walk", "Buy harbour maps"]);

  // A pulled edit: just that note is read again.
  let next = indexed();
  await applyChanges(
    [{ seq: 1, kind: "note", id: kept.noteId, note: { ...kept, title: "Quay walk", version: 4 } }],
    "c2",
  );
  await next;
  expect(await titles("quay")).toEqual(["Quay walk"]);
  expect(await titles("harbour")).toEqual(["Buy harbour maps"]);

  // Trashed on another device: out of the results.
  next = indexed();
  await storeAnswer("note", { ...other, deletedAt: "2026-01-02T00:00:00.000Z", version: 4 });
  await next;
  expect(await titles("lighthouse")).toEqual([]);

  // A local write not yet answered (the pending overlay) is searchable at once.
  next = indexed();
  const fresh = noteFixture({ noteId: "01JAAAAAAAAAAAAAAAAAAAAAA4", title: "Ferry times" });
  await setPending("note", fresh.noteId, fresh, "m1");
  await next;
  expect(await titles("ferry")).toEqual(["Ferry times"]);

  // A task deleted for good.
  next = indexed();
  await applyChanges([{ seq: 2, kind: "task", id: task.taskId, task: null }], "c3");
  await next;
  expect(await titles("maps")).toEqual([]);
});
