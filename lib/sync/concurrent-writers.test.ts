/**
 * Issue 13's promise, tested on DynamoDB Local: while three writers (three processes' worth:
 * each its own DynamoDB client, so they race for `feedSeq` for real) hammer one person's notes
 * and tasks, a device that took a snapshot and keeps pulling ends with exactly the library, and
 * the feed it followed has no gap: seqs 1..N, each pulled in order.
 */
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "@/lib/db/client";
import type { Database } from "@/lib/db/runtime";
import { createUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import {
  createNoteWithLimits,
  deleteNoteForever,
  moveNoteToTrash,
  requireNote,
  restoreNoteFromTrash,
  updateNoteWithLimits,
} from "@/lib/notes/service";
import type { Note } from "@/lib/notes/types";
import { seededRandom } from "@/lib/reliability/harness";
import type { SnapshotPosition, SyncCursor } from "@/lib/sync/cursor";
import { changesSince } from "@/lib/sync/service";
import { snapshotPage } from "@/lib/sync/snapshot";
import {
  createTaskWithChecks,
  deleteTaskForever,
  moveTaskToTrash,
  moveTaskWithLinks,
  requireTask,
  restoreTaskFromTrash,
  updateTaskWithChecks,
} from "@/lib/tasks/service";
import type { Task } from "@/lib/tasks/types";
import { feedOf } from "@/lib/testing/change-feed";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;
const clients: Database[] = [];

beforeAll(async () => {
  cloud = await createTestCloud();
});

afterAll(() => {
  for (const db of clients) db.client.destroy();
});

/** Transactions that committed, over every client: each carried exactly one change. */
let commits = 0;

/** Another process's view of the same tables: its own client, its own turn-taking. */
function anotherProcess(): Database {
  const client = createDocumentClient({ region: "us-east-1", endpoint: cloud.endpoints.dynamodb });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === "TransactWriteItemsCommand") commits++;
      return result;
    },
    { step: "initialize", name: "countCommits" },
  );
  const db = { client, tables: cloud.database.tables };
  clients.push(db);
  return db;
}

const smallPages = { pageBytes: 4_000, queryBytes: 1_500, queryRecords: 3 };

function decode<T>(token: string): T {
  return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as T;
}

interface Replica {
  notes: Map<string, Note>;
  tasks: Map<string, Task>;
}

/**
 * Every page of a snapshot, into a fresh replica; answers it and its cursor. Small pages (a few
 * records a Query, a few KB a page, some cut at the cap), so the writers land between pages.
 */
async function takeSnapshot(db: Database, userId: string) {
  const replica: Replica = { notes: new Map(), tasks: new Map() };
  let position: SnapshotPosition | undefined;
  let cursor = "";
  do {
    const page = await snapshotPage(db, userId, position, new Date(), smallPages);
    for (const note of page.notes) replica.notes.set(note.noteId, note);
    for (const task of page.tasks) replica.tasks.set(task.taskId, task);
    cursor = page.cursor;
    position = page.page === null ? undefined : decode<SnapshotPosition>(page.page);
  } while (position);
  return { replica, cursor };
}

/** A race lost, or a record another writer already moved on or deleted: expected here. */
function raced(error: unknown): boolean {
  return error instanceof AppError && ["conflict", "not_found"].includes(error.code);
}

/** One writer: `rounds` random operations on the shared notes and tasks of `userId`. */
async function writer(db: Database, userId: string, seed: number, rounds: number, ids: Ids) {
  const random = seededRandom(seed);
  const pick = (list: string[]) => list[Math.floor(random() * list.length)];
  for (let round = 0; round < rounds; round++) {
    const choice = Math.floor(random() * 12);
    const noteId = pick(ids.notes);
    const taskId = pick(ids.tasks);
    try {
      if (choice === 0 || !noteId) {
        const noteId = ulid();
        ids.notes.push(noteId);
        await createNoteWithLimits(db, userId, {
          noteId,
          title: `w${seed}r${round}`,
          content: "",
          pinned: false,
          tags: [],
        });
      } else if (choice === 1 || !taskId) {
        const taskId = ulid();
        ids.tasks.push(taskId);
        await createTaskWithChecks(db, userId, { taskId, description: `w${seed}r${round}` });
      } else if (choice <= 3) {
        const note = await requireNote(db, userId, noteId, { includeTrashed: true });
        await updateNoteWithLimits(
          db,
          userId,
          noteId,
          { content: `${seed}:${round}` },
          note.version,
        );
      } else if (choice === 4) {
        await moveNoteToTrash(db, userId, noteId);
      } else if (choice === 5) {
        await restoreNoteFromTrash(db, userId, noteId);
      } else if (choice === 6) {
        await moveNoteToTrash(db, userId, noteId);
        await deleteNoteForever(db, cloud.storage, userId, noteId);
      } else if (choice <= 8) {
        const task = await requireTask(db, userId, taskId);
        await updateTaskWithChecks(
          db,
          userId,
          taskId,
          { details: `${seed}:${round}` },
          task.version,
        );
      } else if (choice === 9) {
        const statuses = ["todo", "in-progress", "completed"] as const;
        const status = statuses[Math.floor(random() * 3)];
        await moveTaskWithLinks(db, userId, taskId, { status });
      } else if (choice === 10) {
        await (random() < 0.5 ? moveTaskToTrash : restoreTaskFromTrash)(db, userId, taskId);
      } else {
        await moveTaskToTrash(db, userId, taskId);
        await deleteTaskForever(db, userId, taskId);
      }
    } catch (error) {
      if (!raced(error)) throw error;
    }
  }
}

interface Ids {
  notes: string[];
  tasks: string[];
}

describe("three writers and a puller", () => {
  it("the puller ends with exactly the library and every seq from 1 to N, in order", async () => {
    const db = cloud.database;
    const { userId } = await createUser(db, {
      email: `hammer-${ulid()}@example.test`,
      displayName: "",
      passwordHash: "h",
    });
    const ids: Ids = { notes: [], tasks: [] };
    let writing = true;
    const writers = Promise.all(
      [1, 2, 3].map((seed) => writer(anotherProcess(), userId, seed, 70, ids)),
    ).finally(() => {
      writing = false;
    });

    // The device: a snapshot taken while the writers run, then pulls until they are done and
    // one more round after (a pull that ends the feed, with nothing more to say).
    const device = anotherProcess();
    const { replica, cursor: start } = await takeSnapshot(device, userId);
    let cursor = start;
    const pulled: number[] = [];
    let last = decode<SyncCursor>(cursor).s;
    for (;;) {
      const done = !writing;
      const answer = await changesSince(device, userId, decode<SyncCursor>(cursor));
      if (answer.kind !== "changes") throw new Error("a fresh cursor was told to start over");
      for (const change of answer.changes) {
        expect(change.seq).toBeGreaterThan(last);
        last = change.seq;
        pulled.push(change.seq);
        if (change.kind === "note") {
          if (change.note) replica.notes.set(change.id, change.note);
          else replica.notes.delete(change.id);
        } else if (change.task) replica.tasks.set(change.id, change.task);
        else replica.tasks.delete(change.id);
      }
      cursor = answer.cursor;
      last = decode<SyncCursor>(cursor).s;
      if (done && !answer.more) break;
      if (!answer.more) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writers;

    const feed = await feedOf(db, userId);
    // Every committed write is in the feed once: none overwrote another's seq.
    expect(feed.length).toBe(commits);
    expect(feed.length).toBeGreaterThan(60);
    expect(feed.map((change) => change.seq)).toEqual(feed.map((_, index) => index + 1));
    expect(decode<SyncCursor>(cursor).s).toBe(feed.length);
    expect(pulled.length).toBeGreaterThan(0);

    const fresh = await takeSnapshot(db, userId);
    expect(decode<SyncCursor>(fresh.cursor).s).toBe(feed.length);
    expect(sorted(replica.notes)).toEqual(sorted(fresh.replica.notes));
    expect(sorted(replica.tasks)).toEqual(sorted(fresh.replica.tasks));
  }, 240_000);
});

function sorted<T>(records: Map<string, T>): [string, T][] {
  return [...records.entries()].sort(([a], [b]) => a.localeCompare(b));
}
