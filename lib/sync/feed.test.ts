/**
 * The change feed (issue 13 §1) on DynamoDB Local, through the sync routes and the services:
 * every change of a note or task is recorded once, pulls return records and tombstones in
 * order and in pages, and stale, foreign or forged cursors are refused the right way.
 */
import { marshall } from "@aws-sdk/util-dynamodb";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { removeExpiredNotes, removeExpiredTasks } from "@/lib/notes/expired-notes";
import {
  confirmUpload,
  createNoteWithLimits,
  deleteNoteForever,
  emptyTrash,
  moveNoteToTrash,
  removeAttachment,
  requestUpload,
  restoreNoteFromTrash,
  updateNoteWithLimits,
} from "@/lib/notes/service";
import {
  call,
  findRoute,
  newSessionUser,
  type RouteHandler,
  setUpRouteCloud,
} from "@/lib/reliability/harness";
import { encodeSyncCursor } from "@/lib/sync/cursor";
import { changesPerPull } from "@/lib/sync/service";
import type { ChangesAnswer, SnapshotPage } from "@/lib/sync/types";
import {
  createTaskWithChecks,
  deleteTaskForever,
  moveTaskToTrash,
  moveTaskWithLinks,
  restoreTaskFromTrash,
  updateTaskWithChecks,
} from "@/lib/tasks/service";
import { feedOf } from "@/lib/testing/change-feed";
import type { TestCloud } from "@/lib/testing/cloud";
import { session } from "@/lib/testing/session-mock";

const snapshotRoute = "GET /app/api/sync/snapshot/route.ts";
const changesRoute = "GET /app/api/sync/changes/route.ts";

let cloud: TestCloud;
let routes: RouteHandler[];

beforeAll(async () => {
  ({ cloud, routes } = await setUpRouteCloud());
});

afterAll(() => {
  session.user = null;
  vi.unstubAllEnvs();
});

async function pull(user: SessionUser, cursor: string) {
  session.user = user;
  return call(findRoute(routes, changesRoute), "GET", {
    query: `?cursor=${encodeURIComponent(cursor)}`,
  });
}

async function snapshot(user: SessionUser, page?: string) {
  session.user = user;
  return call(findRoute(routes, snapshotRoute), "GET", {
    query: page === undefined ? "" : `?page=${encodeURIComponent(page)}`,
  });
}

describe("recording", () => {
  let user: SessionUser;
  beforeAll(async () => {
    user = await newSessionUser(cloud.database, "Recorder");
  });

  /** Runs `action` and answers the changes it recorded, as [kind, id] pairs. */
  async function recorded(action: () => Promise<unknown>): Promise<[string, string][]> {
    const before = (await feedOf(cloud.database, user.userId)).length;
    await action();
    const after = await feedOf(cloud.database, user.userId);
    expect(after.map((change) => change.seq)).toEqual(after.map((_, index) => index + 1));
    return after.slice(before).map((change) => [change.kind, change.recordId]);
  }

  it("records exactly one change, with its kind and id, for every operation", async () => {
    const db = cloud.database;
    const id = user.userId;
    const fresh = { content: "", pinned: false, tags: [] };
    let noteId = "";
    expect(
      await recorded(async () => {
        noteId = (await createNoteWithLimits(db, id, { ...fresh, title: "one" })).note.noteId;
      }),
    ).toEqual([["note", expect.any(String)]]);
    const note = ["note", noteId];
    expect(await recorded(() => updateNoteWithLimits(db, id, noteId, { title: "1" }, 1))).toEqual([
      note,
    ]);
    expect(await recorded(() => updateNoteWithLimits(db, id, noteId, { pinned: true }, 2))).toEqual(
      [note],
    );
    expect(await recorded(() => updateNoteWithLimits(db, id, noteId, { tags: ["a"] }, 3))).toEqual([
      note,
    ]);
    // A replayed create and a stale edit change nothing, and record nothing.
    expect(
      await recorded(() => createNoteWithLimits(db, id, { ...fresh, noteId, title: "again" })),
    ).toEqual([]);
    await expect(
      recorded(() => updateNoteWithLimits(db, id, noteId, { title: "stale" }, 1)),
    ).rejects.toMatchObject({ status: 409 });
    expect((await feedOf(db, id)).length).toBe(4);

    // Attachments, through S3 for real.
    const file = { name: "a.txt", size: 5, contentType: "text/plain" };
    const requested = await requestUpload(db, cloud.storage, id, noteId, file);
    const put = await fetch(requested.upload.url, {
      method: "PUT",
      headers: requested.upload.headers,
      body: "hello",
    });
    expect(put.status).toBe(200);
    expect(
      await recorded(() =>
        confirmUpload(db, cloud.storage, id, noteId, {
          ...file,
          attachmentId: requested.attachmentId,
        }),
      ),
    ).toEqual([note]);
    expect(
      await recorded(() => removeAttachment(db, cloud.storage, id, noteId, requested.attachmentId)),
    ).toEqual([note]);

    expect(await recorded(() => moveNoteToTrash(db, id, noteId))).toEqual([note]);
    expect(await recorded(() => moveNoteToTrash(db, id, noteId))).toEqual([]);
    expect(await recorded(() => restoreNoteFromTrash(db, id, noteId))).toEqual([note]);
    await moveNoteToTrash(db, id, noteId);
    expect(await recorded(() => deleteNoteForever(db, cloud.storage, id, noteId))).toEqual([note]);
    expect(await recorded(() => deleteNoteForever(db, cloud.storage, id, noteId))).toEqual([]);

    const binned = await createNoteWithLimits(db, id, { ...fresh, title: "binned" });
    await moveNoteToTrash(db, id, binned.note.noteId);
    expect(await recorded(() => emptyTrash(db, cloud.storage, id))).toEqual([
      ["note", binned.note.noteId],
    ]);

    let taskId = "";
    expect(
      await recorded(async () => {
        taskId = (await createTaskWithChecks(db, id, { description: "t" })).task.taskId;
      }),
    ).toEqual([["task", expect.any(String)]]);
    const task = ["task", taskId];
    expect(
      await recorded(() => updateTaskWithChecks(db, id, taskId, { priority: "high" }, 1)),
    ).toEqual([task]);
    expect(
      await recorded(() => moveTaskWithLinks(db, id, taskId, { status: "in-progress" })),
    ).toEqual([task]);
    const other = await createTaskWithChecks(db, id, { description: "u", status: "in-progress" });
    expect(
      await recorded(() => moveTaskWithLinks(db, id, taskId, { afterTaskId: other.task.taskId })),
    ).toEqual([task]);
    expect(await recorded(() => moveTaskToTrash(db, id, taskId))).toEqual([task]);
    expect(await recorded(() => restoreTaskFromTrash(db, id, taskId))).toEqual([task]);
    await moveTaskToTrash(db, id, taskId);
    expect(await recorded(() => deleteTaskForever(db, id, taskId))).toEqual([task]);
  });

  it("records both sides of a checklist link, each once", async () => {
    const db = cloud.database;
    const id = user.userId;
    const { note } = await createNoteWithLimits(db, id, {
      title: "Trip",
      content: "- [ ] pack",
      pinned: false,
      tags: [],
    });
    const { task } = await createTaskWithChecks(db, id, {
      description: "pack",
      noteId: note.noteId,
    });
    expect(
      await recorded(() =>
        updateNoteWithLimits(db, id, note.noteId, { content: "- [x] pack" }, note.version),
      ),
    ).toEqual([
      ["note", note.noteId],
      ["task", task.taskId],
    ]);
    expect(
      await recorded(() => moveTaskWithLinks(db, id, task.taskId, { status: "todo" })),
    ).toEqual([
      ["task", task.taskId],
      ["note", note.noteId],
    ]);
  });

  it("records a tombstone for what TTL removed, through the stream handlers", async () => {
    const db = cloud.database;
    const id = user.userId;
    const ttl = {
      eventName: "REMOVE",
      userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" },
    };
    const noteId = ulid();
    const taskId = ulid();
    expect(
      await recorded(async () => {
        await removeExpiredNotes(db, cloud.storage, [
          { ...ttl, dynamodb: { OldImage: marshall({ userId: id, noteId }) } },
          // Removed by a person, not by TTL: the write already recorded it.
          { eventName: "REMOVE", dynamodb: { OldImage: marshall({ userId: id, noteId: ulid() }) } },
        ]);
        await removeExpiredTasks(db, [
          { ...ttl, dynamodb: { Keys: marshall({ userId: id, taskId }) } },
        ]);
      }),
    ).toEqual([
      ["note", noteId],
      ["task", taskId],
    ]);
    // An account that is gone records nothing and does not fail the batch.
    await removeExpiredTasks(db, [
      { ...ttl, dynamodb: { Keys: marshall({ userId: ulid(), taskId }) } },
    ]);
  });
});

describe("pulling", () => {
  it("returns the records changed after the cursor, and null for what is gone", async () => {
    const db = cloud.database;
    const user = await newSessionUser(db, "Puller");
    const first = await snapshot(user);
    expect(first.status, first.text).toBe(200);
    const start = first.body as unknown as SnapshotPage;
    expect(start).toMatchObject({ notes: [], tasks: [], page: null, total: 0 });

    const kept = await createNoteWithLimits(db, user.userId, {
      title: "kept",
      content: "body",
      pinned: false,
      tags: [],
    });
    const gone = await createTaskWithChecks(db, user.userId, { description: "gone" });
    await moveTaskToTrash(db, user.userId, gone.task.taskId);
    await deleteTaskForever(db, user.userId, gone.task.taskId);

    const answer = await pull(user, start.cursor);
    expect(answer.status, answer.text).toBe(200);
    const changes = answer.body as unknown as Extract<ChangesAnswer, { kind: "changes" }>;
    expect(changes).toMatchObject({ kind: "changes", more: false });
    // The task changed three times: it comes once, at its first change, as gone.
    expect(changes.changes).toEqual([
      { seq: 1, kind: "note", id: kept.note.noteId, note: kept.note },
      { seq: 2, kind: "task", id: gone.task.taskId, task: null },
    ]);

    const again = await pull(user, changes.cursor);
    expect(again.body).toMatchObject({ kind: "changes", changes: [], more: false });
  });

  it("pages a long run of changes with `more`, in order, without gaps", async () => {
    const db = cloud.database;
    const user = await newSessionUser(db, "Pager");
    const start = (await snapshot(user)).body as unknown as SnapshotPage;
    const ids: string[] = [];
    for (let index = 0; index < changesPerPull + 5; index++) {
      ids.push(
        (await createTaskWithChecks(db, user.userId, { description: `t${index}` })).task.taskId,
      );
    }
    const one = (await pull(user, start.cursor)).body as Extract<
      ChangesAnswer,
      { kind: "changes" }
    >;
    expect(one.more).toBe(true);
    expect(one.changes).toHaveLength(changesPerPull);
    const two = (await pull(user, one.cursor)).body as Extract<ChangesAnswer, { kind: "changes" }>;
    expect(two.more).toBe(false);
    const all = [...one.changes, ...two.changes];
    expect(all.map((change) => change.seq)).toEqual(ids.map((_, index) => index + 1));
    expect(all.map((change) => change.id)).toEqual(ids);
  });

  it("says start over for a cursor past the changes kept or ahead of the feed", async () => {
    const db = cloud.database;
    const user = await newSessionUser(db, "Stale");
    await createTaskWithChecks(db, user.userId, { description: "one" });
    const now = Math.floor(Date.now() / 1000);
    const old = encodeSyncCursor({ s: 0, t: now - 30 * 24 * 60 * 60 });
    expect((await pull(user, old)).body).toEqual({ kind: "start-over" });
    const ahead = encodeSyncCursor({ s: 5, t: now });
    expect((await pull(user, ahead)).body).toEqual({ kind: "start-over" });
    // At the head (the cursor's own change read back) and before it: changes as usual.
    expect((await pull(user, encodeSyncCursor({ s: 1, t: now }))).body).toMatchObject({
      kind: "changes",
      changes: [],
    });
    expect((await pull(user, encodeSyncCursor({ s: 0, t: now }))).body).toMatchObject({
      kind: "changes",
      changes: [{ seq: 1, kind: "task" }],
    });
  });

  it("refuses a malformed cursor or page with a 400 before reading", async () => {
    const user = await newSessionUser(cloud.database, "Forger");
    const forged = [
      "",
      "not a cursor",
      Buffer.from("{").toString("base64url"),
      Buffer.from(JSON.stringify({ v: 2, s: 1, t: 1 })).toString("base64url"),
      Buffer.from(JSON.stringify({ v: 1, s: -1, t: 1 })).toString("base64url"),
      Buffer.from(JSON.stringify({ v: 1, s: 1, t: 1, userId: "x" })).toString("base64url"),
    ];
    for (const cursor of forged) {
      const answer = await pull(user, cursor);
      expect(answer.status, `${cursor}: ${answer.text}`).toBe(400);
    }
    session.user = user;
    expect((await call(findRoute(routes, changesRoute), "GET")).status).toBe(400);
    for (const page of forged) {
      expect((await snapshot(user, page)).status).toBe(400);
    }
    const cursorAsPage = encodeSyncCursor({ s: 0, t: 1 });
    expect((await snapshot(user, cursorAsPage)).status).toBe(400);
  });
});

describe("snapshot", () => {
  it("pages the whole library, notes then tasks, trashed included, with a total", async () => {
    const db = cloud.database;
    const user = await newSessionUser(db, "Snap");
    const a = await createNoteWithLimits(db, user.userId, {
      title: "a",
      content: "x",
      pinned: false,
      tags: ["t"],
    });
    const b = await createNoteWithLimits(db, user.userId, {
      title: "b",
      content: "y",
      pinned: true,
      tags: [],
    });
    const binnedB = await moveNoteToTrash(db, user.userId, b.note.noteId);
    const task = await createTaskWithChecks(db, user.userId, { description: "t" });
    const answer = await snapshot(user);
    expect(answer.status, answer.text).toBe(200);
    const page = answer.body as unknown as SnapshotPage;
    expect(page.total).toBe(3);
    expect(page.notes).toEqual([a.note, binnedB]);
    expect(page.tasks).toEqual([task.task]);
    expect(page.page).toBeNull();
    const changes = (await pull(user, page.cursor)).body as Extract<
      ChangesAnswer,
      { kind: "changes" }
    >;
    expect(changes.changes).toEqual([]);
  });
});
