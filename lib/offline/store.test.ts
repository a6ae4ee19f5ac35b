import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import {
  clearOfflineStore,
  database,
  enqueueMutation,
  queuedMutations,
  takeForSending,
} from "@/lib/offline/store";
import { queuedEditFixture } from "@/lib/testing/fixtures";

// IndexedDB in memory (fake-indexeddb); the browser's own is exercised by the e2e tests.
afterEach(() => clearOfflineStore());

const url = "/api/tasks/01HTASKAAAAAAAAAAAAAAAAAAA";
const edit = (id: string, body: Record<string, unknown>) => queuedEditFixture(id, body, url);

describe("the database", () => {
  it("has every store even when something else created it empty first", async () => {
    await clearOfflineStore();
    // An opener without a version (a test helper, an old script) creates it at version 1, bare.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open("jotboard");
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const db = await database();
    expect([...db.objectStoreNames].sort()).toEqual([
      "drafts",
      "files",
      "meta",
      "notes",
      "outbox",
      "pending",
      "replicaNotes",
      "replicaTasks",
      "tasks",
    ]);
    expect([...db.transaction("replicaNotes").store.indexNames]).toEqual(["byList"]);
  });
});

describe("the outbox", () => {
  it("merges unsent edits of one record field by field, under a new idempotency key", async () => {
    await enqueueMutation(edit("01H0000000000000000000000A", { version: 3, description: "Milk" }));
    await enqueueMutation(edit("01H0000000000000000000000B", { version: 4, details: "2 litres" }));
    await enqueueMutation(
      edit("01H0000000000000000000000C", { version: 4, description: "Oat milk" }),
    );
    const queue = await queuedMutations();
    expect(queue).toHaveLength(1);
    // The first edit's place in line and base version; every field, each at its newest.
    expect(queue[0]).toMatchObject({
      id: "01H0000000000000000000000A",
      body: { version: 3, description: "Oat milk", details: "2 litres" },
      // The server may have stored an answer under the old key: the merged change needs its own.
      idempotencyKey: "key-01H0000000000000000000000C",
    });
  });

  it("merges per-field bases: each field's first base, every field at its newest", async () => {
    await enqueueMutation(
      edit("01H0000000000000000000000A", { base: { status: "todo" }, status: "in-progress" }),
    );
    await enqueueMutation(
      edit("01H0000000000000000000000B", {
        base: { status: "in-progress", dueDate: null },
        status: "completed",
        dueDate: "2026-06-01",
      }),
    );
    const queue = await queuedMutations();
    expect(queue).toHaveLength(1);
    expect(queue[0]?.body).toEqual({
      base: { status: "todo", dueDate: null },
      status: "completed",
      dueDate: "2026-06-01",
    });
  });

  it("never merges into a change already being sent", async () => {
    await enqueueMutation(edit("01H0000000000000000000000A", { version: 3, description: "Milk" }));
    const sending = await takeForSending("01H0000000000000000000000A");
    await enqueueMutation(edit("01H0000000000000000000000B", { version: 3, details: "2 litres" }));
    const queue = await queuedMutations();
    expect(queue.map((mutation) => mutation.body)).toEqual([
      { version: 3, description: "Milk" },
      { version: 3, details: "2 litres" },
    ]);
    expect(sending?.body).toEqual({ version: 3, description: "Milk" });
  });

  it("sends what is stored when sending starts, edits merged after the queue was read included", async () => {
    await enqueueMutation(edit("01H0000000000000000000000A", { version: 3, description: "Milk" }));
    const [read] = await queuedMutations();
    await enqueueMutation(edit("01H0000000000000000000000B", { version: 3, details: "2 litres" }));
    const sending = await takeForSending(read?.id ?? "");
    expect(sending).toMatchObject({
      body: { version: 3, description: "Milk", details: "2 litres" },
      idempotencyKey: "key-01H0000000000000000000000B",
      sent: true,
    });
  });

  it("passes over stored changes it cannot read", async () => {
    await enqueueMutation(edit("01H0000000000000000000000A", { version: 3, description: "Milk" }));
    const db = await database();
    await db.put("outbox", { id: "01H0000000000000000000000B", method: "PUT" } as never);
    expect((await queuedMutations()).map((mutation) => mutation.id)).toEqual([
      "01H0000000000000000000000A",
    ]);
    expect(await takeForSending("01H0000000000000000000000B")).toBeUndefined();
  });
});
