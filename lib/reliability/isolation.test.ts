/**
 * Isolation matrix: a second user (Bob) aims every JSON route at the first user's (Alice's) ids.
 * Each attempt must be refused exactly as for an id that does not exist (same status, same
 * message: no oracle), must not leak her data, and her items and objects must be byte-for-byte
 * unchanged afterwards. The matrix must cover every route handler under app/api.
 */
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createNote, trashNote } from "@/lib/db/notes-repository";
import { createTask, trashTask } from "@/lib/db/tasks-repository";
import { confirmUpload, requestUpload } from "@/lib/notes/service";
import {
  type CallOptions,
  call,
  findRoute,
  newSessionUser,
  type RouteHandler,
  setUpRouteCloud,
  snapshotUser,
  type UserSnapshot,
} from "@/lib/reliability/harness";
import type { TestCloud } from "@/lib/testing/cloud";
import { session } from "@/lib/testing/session-mock";

const secret = "ALICE-SECRET";
const notes = "/app/api/notes/route.ts";
const note = "/app/api/notes/[noteId]/route.ts";
const noteRestore = "/app/api/notes/[noteId]/restore/route.ts";
const uploads = "/app/api/notes/[noteId]/attachments/route.ts";
const attachment = "/app/api/notes/[noteId]/attachments/[attachmentId]/route.ts";
const tasks = "/app/api/tasks/route.ts";
const task = "/app/api/tasks/[taskId]/route.ts";
const taskRestore = "/app/api/tasks/[taskId]/restore/route.ts";
const taskMove = "/app/api/tasks/[taskId]/move/route.ts";
const realtimeToken = "/app/api/realtime/token/route.ts";
const syncSnapshot = "/app/api/sync/snapshot/route.ts";
const syncChanges = "/app/api/sync/changes/route.ts";

interface Ids {
  liveNote: string;
  trashedNote: string;
  attachmentId: string;
  pendingAttachmentId: string;
  liveTask: string;
  trashedTask: string;
  bobTask: string;
  bobTaskVersion: number;
  bobNote: string;
}

/**
 * - `refused`: Alice's ids get exactly the answer a non-existent id gets (status and message),
 *   and that answer is a 4xx (or, for idempotent replays, the same no-op status).
 * - `own`: the request acts on Bob's own data (a create with her id makes his own item; a list
 *   shows his own); it must succeed without showing anything of hers.
 */
interface Attack {
  readonly label: string;
  readonly route: string;
  readonly method: string;
  readonly options: (ids: Ids) => CallOptions;
  readonly expect: "refused" | "own";
  /** For `refused`: the status both answers must have. */
  readonly status?: number;
}

const upload = { name: "plan.txt", size: 12, contentType: "text/plain" };

const attacks: Attack[] = [
  {
    label: "read a note",
    route: note,
    method: "GET",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { noteId: i.liveNote } }),
  },
  {
    label: "read a trashed note",
    route: note,
    method: "GET",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { noteId: i.trashedNote }, query: "?trash=1" }),
  },
  {
    label: "update a note",
    route: note,
    method: "PATCH",
    expect: "refused",
    status: 404,
    options: (i) => ({
      params: { noteId: i.liveNote },
      body: { version: 1, title: "Bob was here" },
    }),
  },
  {
    label: "show remote images in a note",
    route: note,
    method: "PATCH",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { noteId: i.liveNote }, body: { version: 1, remoteImages: true } }),
  },
  {
    label: "trash a note",
    route: note,
    method: "DELETE",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { noteId: i.liveNote }, body: {} }),
  },
  // Permanent deletion is idempotent by design: a missing note answers 204, so hers must too,
  // and stay.
  {
    label: "delete a trashed note for good",
    route: note,
    method: "DELETE",
    expect: "refused",
    status: 204,
    options: (i) => ({ params: { noteId: i.trashedNote }, query: "?permanent=1", body: {} }),
  },
  {
    label: "restore a note",
    route: noteRestore,
    method: "POST",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { noteId: i.trashedNote } }),
  },
  {
    label: "presign an upload to a note",
    route: uploads,
    method: "POST",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { noteId: i.liveNote }, body: upload }),
  },
  {
    label: "download an attachment",
    route: attachment,
    method: "GET",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { noteId: i.liveNote, attachmentId: i.attachmentId } }),
  },
  // What the preview loads for `![…](attachment:<id>)` in a note's text.
  {
    label: "show an attachment inline",
    route: attachment,
    method: "GET",
    expect: "refused",
    status: 404,
    options: (i) => ({
      params: { noteId: i.liveNote, attachmentId: i.attachmentId },
      query: "?inline=1",
    }),
  },
  {
    label: "confirm an upload into a note",
    route: attachment,
    method: "POST",
    expect: "refused",
    status: 404,
    options: (i) => ({
      params: { noteId: i.liveNote, attachmentId: i.pendingAttachmentId },
      body: upload,
    }),
  },
  // Upload keys are rebuilt from the caller's own ids: her upload cannot join his note.
  {
    label: "confirm her pending upload into own note",
    route: attachment,
    method: "POST",
    expect: "refused",
    status: 400,
    options: (i) => ({
      params: { noteId: i.bobNote, attachmentId: i.pendingAttachmentId },
      body: upload,
    }),
  },
  {
    label: "remove an attachment",
    route: attachment,
    method: "DELETE",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { noteId: i.liveNote, attachmentId: i.attachmentId }, body: {} }),
  },
  {
    label: "read a task",
    route: task,
    method: "GET",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { taskId: i.liveTask } }),
  },
  {
    label: "update a task",
    route: task,
    method: "PATCH",
    expect: "refused",
    status: 404,
    options: (i) => ({
      params: { taskId: i.liveTask },
      body: { version: 1, description: "Bob's now" },
    }),
  },
  {
    label: "trash a task",
    route: task,
    method: "DELETE",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { taskId: i.liveTask } }),
  },
  {
    label: "delete a trashed task for good",
    route: task,
    method: "DELETE",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { taskId: i.trashedTask }, query: "?permanent=1" }),
  },
  {
    label: "restore a task",
    route: taskRestore,
    method: "POST",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { taskId: i.trashedTask } }),
  },
  {
    label: "move a task",
    route: taskMove,
    method: "POST",
    expect: "refused",
    status: 404,
    options: (i) => ({ params: { taskId: i.liveTask }, body: { status: "completed" } }),
  },
  // A neighbour the caller cannot see reads as a changed board (409), as a missing one does.
  {
    label: "move own task next to hers",
    route: taskMove,
    method: "POST",
    expect: "refused",
    status: 409,
    options: (i) => ({ params: { taskId: i.bobTask }, body: { afterTaskId: i.liveTask } }),
  },
  {
    label: "create a task linked to her note",
    route: tasks,
    method: "POST",
    expect: "refused",
    status: 404,
    options: (i) => ({ body: { description: "Link", noteId: i.liveNote } }),
  },
  {
    label: "link own task to her note",
    route: task,
    method: "PATCH",
    expect: "refused",
    status: 404,
    options: (i) => ({
      params: { taskId: i.bobTask },
      body: { version: i.bobTaskVersion, noteId: i.liveNote },
    }),
  },
  {
    label: "page with a cursor into her partition",
    route: notes,
    method: "GET",
    expect: "refused",
    status: 400,
    options: (i) => ({ query: `?cursor=${cursorFor(i)}` }),
  },
  {
    label: "replay a create with her note id",
    route: notes,
    method: "POST",
    expect: "own",
    options: (i) => ({ body: { noteId: i.liveNote, title: "Bob's note" } }),
  },
  {
    label: "replay a create with her task id",
    route: tasks,
    method: "POST",
    expect: "own",
    options: (i) => ({ body: { taskId: i.liveTask, description: "Bob's task" } }),
  },
  { label: "list notes", route: notes, method: "GET", expect: "own", options: () => ({}) },
  {
    label: "list the trash",
    route: notes,
    method: "GET",
    expect: "own",
    options: () => ({ query: "?trash=1" }),
  },
  {
    label: "search for her words",
    route: notes,
    method: "GET",
    expect: "own",
    options: () => ({ query: `?q=${secret}` }),
  },
  {
    label: "empty the trash",
    route: notes,
    method: "DELETE",
    expect: "own",
    options: () => ({ query: "?trash=1" }),
  },
  { label: "list tasks", route: tasks, method: "GET", expect: "own", options: () => ({}) },
  {
    label: "list a board column",
    route: tasks,
    method: "GET",
    expect: "own",
    options: () => ({ query: "?status=todo" }),
  },
  {
    label: "list the task trash",
    route: tasks,
    method: "GET",
    expect: "own",
    options: () => ({ query: "?trash=1" }),
  },
  // Credentials for live updates name the caller's own topic; asking for another's is refused
  // (the route takes no parameters at all), and the plain request gets the caller's own.
  {
    label: "get live-update credentials for another user's topic",
    route: realtimeToken,
    method: "GET",
    expect: "refused",
    status: 400,
    options: () => ({ query: `?topic=${aliceId}&userId=${aliceId}` }),
  },
  {
    label: "get live-update credentials",
    route: realtimeToken,
    method: "GET",
    expect: "own",
    options: () => ({}),
  },
  // The change feed is read from the session's own partition whatever the token says: her
  // cursor or page token (which name no user) only ever pages through his own data.
  {
    label: "take a snapshot",
    route: syncSnapshot,
    method: "GET",
    expect: "own",
    options: () => ({}),
  },
  {
    label: "page a snapshot from her note's id",
    route: syncSnapshot,
    method: "GET",
    expect: "own",
    options: (i) => ({
      query: `?page=${token({ v: 1, s: 0, t: now(), n: 9, p: "notes", a: i.liveNote })}`,
    }),
  },
  {
    label: "page a snapshot from her task's id",
    route: syncSnapshot,
    method: "GET",
    expect: "own",
    options: (i) => ({
      query: `?page=${token({ v: 1, s: 0, t: now(), n: 9, p: "tasks", a: i.liveTask })}`,
    }),
  },
  {
    label: "pull changes from the start of the feed",
    route: syncChanges,
    method: "GET",
    expect: "own",
    options: () => ({ query: `?cursor=${token({ v: 1, s: 0, t: now() })}` }),
  },
  {
    label: "pull changes with a cursor from her feed's head",
    route: syncChanges,
    method: "GET",
    expect: "own",
    options: () => ({ query: `?cursor=${token({ v: 1, s: 6, t: now() })}` }),
  },
];

let aliceId = "";

const now = () => Math.floor(Date.now() / 1000);

function token(payload: object): string {
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

function cursorFor(ids: Ids): string {
  const key = { userId: aliceId, noteId: ids.liveNote, listKey: `live#0#x#${ids.liveNote}` };
  return Buffer.from(JSON.stringify({ kind: "notes:live", key })).toString("base64url");
}

/** The same request with every id of Alice's replaced by a fresh, non-existent one. */
function withMissingIds(options: CallOptions, ids: Ids): CallOptions {
  let text = JSON.stringify(options);
  const hers = [ids.liveNote, ids.trashedNote, ids.attachmentId, ids.pendingAttachmentId];
  for (const id of [...hers, ids.liveTask, ids.trashedTask]) text = text.replaceAll(id, ulid());
  if (options.query?.includes("cursor=")) {
    const key = { userId: aliceId, noteId: ulid(), listKey: "live#0#x#y" };
    const parsed = JSON.parse(text) as CallOptions;
    return {
      ...parsed,
      query: `?cursor=${Buffer.from(JSON.stringify({ kind: "notes:live", key })).toString("base64url")}`,
    };
  }
  return JSON.parse(text) as CallOptions;
}

describe("isolation matrix: another user's ids are refused on every JSON route", () => {
  let cloud: TestCloud;
  let routes: RouteHandler[];
  let alice: SessionUser;
  let bob: SessionUser;
  let ids: Ids;
  let before: UserSnapshot;

  beforeAll(async () => {
    ({ cloud, routes } = await setUpRouteCloud());
    const db = cloud.database;
    alice = await newSessionUser(db, "alice");
    bob = await newSessionUser(db, "bob");
    aliceId = alice.userId;

    const newNote = { content: `${secret} body`, pinned: false, tags: ["secret"] };
    const live = await createNote(db, alice.userId, { ...newNote, title: `${secret} live` });
    const binned = await createNote(db, alice.userId, { ...newNote, title: `${secret} binned` });
    await trashNote(db, alice.userId, binned.note.noteId);

    // A confirmed attachment and a pending (uploaded, unconfirmed) one, through S3 for real.
    const put = async () => {
      const requested = await requestUpload(
        db,
        cloud.storage,
        alice.userId,
        live.note.noteId,
        upload,
      );
      const response = await fetch(requested.upload.url, {
        method: "PUT",
        headers: requested.upload.headers,
        body: "hello, alice",
      });
      expect(response.status).toBe(200);
      return requested.attachmentId;
    };
    const attachmentId = await put();
    await confirmUpload(db, cloud.storage, alice.userId, live.note.noteId, {
      ...upload,
      attachmentId,
    });
    const pendingAttachmentId = await put();

    const liveTask = await createTask(db, alice.userId, {
      description: `${secret} task`,
      details: secret,
      noteId: live.note.noteId,
      dueDate: "2026-09-09",
    });
    const binnedTask = await createTask(db, alice.userId, { description: `${secret} binned` });
    await trashTask(db, alice.userId, binnedTask.task.taskId);
    const bobTask = await createTask(db, bob.userId, { description: "Bob's own" });
    const bobNote = await createNote(db, bob.userId, {
      title: "Bob's own",
      content: "",
      pinned: false,
      tags: [],
    });

    ids = {
      liveNote: live.note.noteId,
      trashedNote: binned.note.noteId,
      attachmentId,
      pendingAttachmentId,
      liveTask: liveTask.task.taskId,
      trashedTask: binnedTask.task.taskId,
      bobTask: bobTask.task.taskId,
      bobTaskVersion: bobTask.task.version,
      bobNote: bobNote.note.noteId,
    };
    before = await snapshotUser(db, cloud.storage, alice.userId);
    expect(before.notes).toHaveLength(2);
    expect(before.tasks).toHaveLength(2);
    expect(before.objects).toHaveLength(2);
  });

  afterAll(() => {
    session.user = null;
    vi.unstubAllEnvs();
  });

  it("covers every JSON route handler under app/api", () => {
    const covered = new Set(attacks.map((attack) => `${attack.method} ${attack.route}`));
    expect(routes.map((route) => route.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  for (const attack of attacks) {
    it(`${attack.label}: ${attack.method} ${attack.route.replace("/app", "").replace("/route.ts", "")}`, async () => {
      session.user = bob;
      const handler = findRoute(routes, `${attack.method} ${attack.route}`);
      const options = attack.options(ids);
      const result = await call(handler, attack.method, options);
      expect(result.text).not.toContain(secret);
      expect(result.text).not.toContain(alice.userId);
      if (attack.expect === "refused") {
        expect(result.status, result.text).toBe(attack.status);
        const missing = await call(handler, attack.method, withMissingIds(options, ids));
        expect(missing.status).toBe(result.status);
        expect(missing.body.error).toEqual(result.body.error);
      } else {
        expect(result.status, result.text).toBeGreaterThanOrEqual(200);
        expect(result.status, result.text).toBeLessThan(300);
      }
      expect(await snapshotUser(cloud.database, cloud.storage, alice.userId)).toEqual(before);
    });
  }

  // Cross-site request forgery: a page on another port of this host (or a sibling subdomain)
  // borrows Alice's own session cookie. Generated from the route list, so a new route is covered.
  const forgeries: { label: string; headers: Record<string, string> }[] = [
    { label: "same-site no-cors text/plain", headers: { "sec-fetch-site": "same-site" } },
    { label: "cross-site", headers: { "sec-fetch-site": "cross-site" } },
    { label: "an older browser's foreign Origin", headers: { origin: "http://localhost:3001" } },
  ];
  for (const { label, headers } of forgeries) {
    it(`refuses a forged unsafe request on every route with 403 (${label})`, async () => {
      session.user = alice;
      const unsafe = routes.filter((route) => route.method !== "GET");
      expect(unsafe.length).toBeGreaterThanOrEqual(12);
      for (const route of unsafe) {
        const result = await call(route.handler, route.method, {
          params: {
            noteId: ids.liveNote,
            taskId: ids.liveTask,
            attachmentId: ids.attachmentId,
          },
          query: route.path.includes("/api/notes/route.ts") ? "?trash=1" : "",
          body: JSON.stringify({ title: "forged", description: "forged", version: 1 }),
          headers: { "content-type": "text/plain", host: "localhost:3000", ...headers },
        });
        expect(result.status, `${route.name} ${result.text}`).toBe(403);
      }
      expect(await snapshotUser(cloud.database, cloud.storage, alice.userId)).toEqual(before);
    });
  }

  it("leaves Alice's data exactly as it was after the whole matrix", async () => {
    expect(await snapshotUser(cloud.database, cloud.storage, alice.userId)).toEqual(before);
    // And her own view still works.
    session.user = alice;
    const read = await call(findRoute(routes, `GET ${note}`), "GET", {
      params: { noteId: ids.liveNote },
    });
    expect(read.status).toBe(200);
    expect(read.text).toContain(secret);
  });
});
