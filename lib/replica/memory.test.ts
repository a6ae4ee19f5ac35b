import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearOfflineStore } from "@/lib/offline/store";
import type { ReplicaMemory } from "@/lib/replica/memory";
import type { SnapshotPage } from "@/lib/sync/types";
import type { Task } from "@/lib/tasks/types";
import { noteFixture, taskFixture } from "@/lib/testing/fixtures";

// IndexedDB in memory (fake-indexeddb); the memory module is loaded fresh for each test.
let memory: typeof import("@/lib/replica/memory");
let store: typeof import("@/lib/replica/store");
beforeEach(async () => {
  vi.resetModules();
  memory = await import("@/lib/replica/memory");
  store = await import("@/lib/replica/store");
});
afterEach(() => clearOfflineStore());

function page(fields: Partial<SnapshotPage>): SnapshotPage {
  return { notes: [], tasks: [], page: null, cursor: "c1", total: 0, ...fields };
}

const titles = (state: ReplicaMemory | undefined) => Object.fromEntries(state?.noteTitles ?? []);
const descriptions = (state: ReplicaMemory | undefined) =>
  [...(state?.tasks.values() ?? [])].map((task) => task.description).sort();

describe("the replica's memory", () => {
  it("stays empty while the replica is absent or filling, then holds every task", async () => {
    memory.warmReplicaMemory();
    expect(await memory.replicaMemorySettled()).toBeUndefined();
    await store.applySnapshotPage(page({ tasks: [taskFixture("01A")], page: "p2", total: 2 }));
    expect(await memory.replicaMemorySettled()).toBeUndefined();
    await store.applySnapshotPage(
      page({ tasks: [taskFixture("01B", { deletedAt: "2026-01-01T00:00:00.000Z" })], total: 2 }),
    );
    expect(descriptions(await memory.replicaMemorySettled())).toEqual(["Task 01A", "Task 01B"]);
  });

  it("follows pending changes, answers and pulls, re-reading only what they name", async () => {
    await store.applySnapshotPage(
      page({
        tasks: [taskFixture("01A", { noteId: "01N" }), taskFixture("01B")],
        notes: [noteFixture({ noteId: "01N", title: "Linked" })],
      }),
    );
    memory.warmReplicaMemory();
    const first = await memory.replicaMemorySettled();
    expect(titles(first)).toEqual({ "01N": "Linked" });

    await store.setPending("task", "01A", taskFixture("01A", { description: "Mine" }), "m1");
    await store.setPending("task", "01B", null, "m2");
    const pending = await memory.replicaMemorySettled();
    expect(descriptions(pending)).toEqual(["Mine"]);
    // Unchanged parts keep their identity; the whole changes (views compare it).
    expect(pending).not.toBe(first);
    expect(pending?.noteTitles).toBe(first?.noteTitles);

    await store.clearPending("m2");
    await store.applyChanges([
      { seq: 1, kind: "task", id: "01C", task: taskFixture("01C", { noteId: "01M" }) },
      {
        seq: 2,
        kind: "note",
        id: "01N",
        note: noteFixture({ noteId: "01N", title: "Renamed", version: 9 }),
      },
    ]);
    const pulled = await memory.replicaMemorySettled();
    expect(descriptions(pulled)).toEqual(["Mine", "Task 01B", "Task 01C"]);
    // A newly linked note the replica does not hold has no title; a renamed one follows.
    expect(titles(pulled)).toEqual({ "01N": "Renamed", "01M": null });
    // Records no change named are not read again.
    expect(pulled?.tasks.get("01A")).toBe(pending?.tasks.get("01A"));
  });

  it("tells its subscribers after each change, with a new state", async () => {
    await store.applySnapshotPage(page({ tasks: [taskFixture("01A")] }));
    const seen: (ReplicaMemory | undefined)[] = [];
    const unsubscribe = memory.subscribeReplicaMemory(() => seen.push(memory.replicaMemory()));
    await memory.replicaMemorySettled();
    await store.storeAnswer("task", { ...taskFixture("01A"), description: "Answered", version: 2 });
    await memory.replicaMemorySettled();
    unsubscribe();
    expect(seen.map(descriptions)).toEqual([["Task 01A"], ["Answered"]]);
  });
});

describe("patchMemory", () => {
  const read = (
    tasks: Record<string, Task | undefined>,
    titles: Record<string, string | null>,
  ) => ({
    tasks: async (ids: readonly string[]) => new Map(ids.map((id) => [id, tasks[id]])),
    titles: async (ids: readonly string[]) => new Map(ids.map((id) => [id, titles[id] ?? null])),
  });

  it("keeps the same state when nothing it holds changed", async () => {
    const { patchMemory } = memory;
    const state: ReplicaMemory = { tasks: new Map(), noteTitles: new Map() };
    expect(await patchMemory(state, { notes: ["01X"], tasks: [] }, read({}, {}))).toBe(state);
  });

  it("drops a task that is gone and reads the title of a newly linked note", async () => {
    const { patchMemory } = memory;
    const state: ReplicaMemory = {
      tasks: new Map([["01A", taskFixture("01A")]]),
      noteTitles: new Map(),
    };
    const next = await patchMemory(
      state,
      { notes: [], tasks: ["01A", "01B"] },
      read({ "01B": taskFixture("01B", { noteId: "01N" }) }, { "01N": "Note" }),
    );
    expect([...next.tasks.keys()]).toEqual(["01B"]);
    expect(titles(next)).toEqual({ "01N": "Note" });
  });
});
