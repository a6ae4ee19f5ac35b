/**
 * What the change feed costs on DynamoDB Local, counted in requests and capacity units as
 * DynamoDB reports them (never in time): an empty pull is one request and one read unit
 * whatever the library's size, a pull of k changes is O(k), a snapshot reads each item about
 * once, and a write adds one GetItem and a small change item to its transaction.
 */
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNote, updateNote } from "@/lib/db/notes-repository";
import { createTask } from "@/lib/db/tasks-repository";
import { createUser } from "@/lib/db/users-repository";
import { queryAll } from "@/lib/reliability/harness";
import type { SnapshotPosition } from "@/lib/sync/cursor";
import { changesSince } from "@/lib/sync/service";
import { snapshotPage } from "@/lib/sync/snapshot";
import { meteredDatabase } from "@/lib/testing/capacity";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;
let meter: ReturnType<typeof meteredDatabase>;

beforeAll(async () => {
  cloud = await createTestCloud();
  meter = meteredDatabase(cloud.database.tables);
});

afterAll(() => meter?.destroy());

const now = () => Math.floor(Date.now() / 1000);
const body = "b".repeat(1_000);

/** A user with `notes` notes of ~1 KB and `tasks` tasks; answers the user's id. */
async function library(notes: number, tasks: number): Promise<string> {
  const db = cloud.database;
  const { userId } = await createUser(db, {
    email: `cost-${ulid()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  const jobs = [
    ...Array.from(
      { length: notes },
      (_, index) => () =>
        createNote(db, userId, { title: `n${index}`, content: body, pinned: false, tags: [] }),
    ),
    ...Array.from(
      { length: tasks },
      (_, index) => () => createTask(db, userId, { description: `t${index}` }),
    ),
  ];
  // Writes of one user take turns in this process anyway (lib/db/changes/feed.ts).
  await Promise.all(jobs.map((job) => job()));
  return userId;
}

describe("what the change feed costs", () => {
  it("an empty pull is one request and one read unit, at 10 and at 500 records", async () => {
    for (const size of [10, 500]) {
      const userId = await library(size - 5, 5);
      const cost = await meter.measure((db) => changesSince(db, userId, { s: size, t: now() }));
      expect({ size, requests: cost.requests, readUnits: cost.readUnits }).toEqual({
        size,
        requests: 1,
        readUnits: 1,
      });
    }
  }, 180_000);

  it("a pull of k changes is one Query and ⌈k/100⌉ BatchGets, reading each record once", async () => {
    const userId = await library(5, 0);
    let seq = 5;
    for (const k of [1, 30, 150]) {
      const db = cloud.database;
      for (let index = 0; index < k; index++) {
        await createNote(db, userId, { title: `k${index}`, content: "", pinned: false, tags: [] });
      }
      const cost = await meter.measure(async (metered) => {
        const answer = await changesSince(metered, userId, { s: seq, t: now() });
        expect(answer.kind === "changes" && answer.changes.length).toBe(k);
      });
      seq += k;
      expect(cost.commands).toEqual([
        "QueryCommand",
        ...Array.from({ length: Math.ceil(k / 100) }, () => "BatchGetItemCommand"),
      ]);
      // Each small record is one unit (a consistent read of ≤ 4 KB); the changes read ~100 B each.
      expect(cost.byTable.Notes).toBe(k);
      expect(cost.byTable.Changes).toBeLessThanOrEqual(Math.ceil((k * 100) / 4096) + 1);
    }
  }, 120_000);

  it("a snapshot reads each item about once: within 1.2× a consistent Query of every item", async () => {
    const userId = await library(520, 60);
    const floor = await meter.measure(async (db) => {
      await queryAll(db, db.tables.Notes, userId);
      await queryAll(db, db.tables.Tasks, userId);
    });
    let pages = 0;
    const snapshot = await meter.measure(async (db) => {
      let page: SnapshotPosition | undefined;
      let records = 0;
      do {
        // Pages of ~200 KB, each a few Queries of 100 records (~120 KB of JSON).
        const answer = await snapshotPage(db, userId, page, new Date(), {
          pageBytes: 200_000,
          queryBytes: 130_000,
          queryRecords: 100,
        });
        records += answer.notes.length + answer.tasks.length;
        pages++;
        page = answer.page === null ? undefined : decode(answer.page);
      } while (page);
      expect(records).toBe(580);
    });
    expect(pages).toBeGreaterThan(1);
    expect(snapshot.readUnits).toBeLessThanOrEqual(floor.readUnits * 1.2);
  }, 180_000);

  it("a write adds one GetItem of the user and a small change item to its transaction", async () => {
    const userId = await library(0, 0);
    const db = cloud.database;
    const { note } = await createNote(db, userId, {
      title: "t",
      content: body,
      pinned: false,
      tags: [],
    });
    const edit = await meter.measure((metered) =>
      updateNote(metered, userId, note.noteId, { title: "u" }, 1),
    );
    expect(edit.commands).toEqual([
      "GetItemCommand",
      "GetItemCommand",
      "TransactWriteItemsCommand",
    ]);
    // Users: the consistent GetItem (1) and the transactional update of feedSeq (2);
    // Changes: one transactional put of an item under 1 KB (2).
    expect({ users: edit.byTable.Users, changes: edit.byTable.Changes }).toEqual({
      users: 3,
      changes: 2,
    });
  });
});

function decode(page: string): SnapshotPosition {
  return JSON.parse(Buffer.from(page, "base64url").toString("utf8")) as SnapshotPosition;
}
