import { ulid } from "ulid";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createNote, trashNote } from "@/lib/db/notes-repository";
import { getTask } from "@/lib/db/tasks-repository";
import { createUser, getUser } from "@/lib/db/users-repository";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";
import { session } from "@/lib/testing/session-mock";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

interface Routes {
  list: { GET: Handler; POST: Handler };
  one: { GET: Handler; PATCH: Handler; DELETE: Handler };
  restore: { POST: Handler };
  move: { POST: Handler };
}

const taskFields = [
  "taskId",
  "description",
  "details",
  "status",
  "priority",
  "dueDate",
  "position",
  "noteId",
  "completedAt",
  "createdAt",
  "updatedAt",
  "version",
  "deletedAt",
].sort();

describe("tasks JSON API", () => {
  let cloud: TestCloud;
  let routes: Routes;
  let alice: SessionUser;
  let bob: SessionUser;
  let counter = 0;

  beforeAll(async () => {
    cloud = await createTestCloud();
    // The runtime singletons read the environment once per module instance.
    vi.resetModules();
    for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
    routes = {
      list: (await import("@/app/api/tasks/route")) as unknown as Routes["list"],
      one: (await import("@/app/api/tasks/[taskId]/route")) as unknown as Routes["one"],
      restore: (await import(
        "@/app/api/tasks/[taskId]/restore/route"
      )) as unknown as Routes["restore"],
      move: (await import("@/app/api/tasks/[taskId]/move/route")) as unknown as Routes["move"],
    };
    alice = await signUp("alice");
    bob = await signUp("bob");
  });

  afterEach(() => {
    session.user = null;
  });

  async function signUp(name: string): Promise<SessionUser> {
    const user = await createUser(cloud.database, {
      email: `${name}-${Date.now()}-${counter++}@example.test`,
      displayName: name,
      passwordHash: "h",
    });
    return { userId: user.userId, email: user.email, displayName: name };
  }

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  async function call(
    handler: Handler,
    options: { method?: string; query?: string; body?: unknown; taskId?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const method = options.method ?? "GET";
    const path = options.taskId ? `/api/tasks/${options.taskId}` : "/api/tasks";
    const request = new Request(`http://localhost${path}${options.query ?? ""}`, {
      method,
      ...(options.body !== undefined && {
        body: typeof options.body === "string" ? options.body : JSON.stringify(options.body),
        headers: { "content-type": "application/json" },
      }),
    });
    const response = await handler(request, {
      params: Promise.resolve<Record<string, string>>(
        options.taskId ? { taskId: options.taskId } : {},
      ),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : {},
      headers: response.headers,
    };
  }

  async function create(as: SessionUser, body: Record<string, unknown>) {
    session.user = as;
    const response = await call(routes.list.POST, { method: "POST", body });
    expect(response.status).toBe(201);
    return response.body as { taskId: string; version: number } & Record<string, unknown>;
  }

  it("answers 401 to a signed-out caller", async () => {
    expect((await call(routes.list.GET)).status).toBe(401);
    expect((await call(routes.list.POST, { method: "POST", body: {} })).status).toBe(401);
    const taskId = ulid();
    expect((await call(routes.one.GET, { taskId })).status).toBe(401);
    expect((await call(routes.move.POST, { method: "POST", taskId, body: {} })).status).toBe(401);
  });

  it("creates with 201, answers a replay with 200, and exposes no internal attributes", async () => {
    session.user = alice;
    const todoBefore = (await getUser(cloud.database, alice.userId))?.counts.tasks.todo ?? 0;
    const taskId = ulid();
    const body = {
      taskId,
      description: "  Water plants  ",
      priority: "high",
      dueDate: "2026-07-01",
    };
    const created = await call(routes.list.POST, { method: "POST", body });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/tasks/${taskId}`);
    expect(Object.keys(created.body).sort()).toEqual(taskFields);
    expect(created.body).toMatchObject({
      taskId,
      description: "Water plants",
      details: "",
      status: "todo",
      priority: "high",
      dueDate: "2026-07-01",
      noteId: null,
      version: 1,
    });
    const replay = await call(routes.list.POST, { method: "POST", body });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(created.body);
    const read = await call(routes.one.GET, { taskId });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    // Counted once: the replay adds nothing.
    expect((await getUser(cloud.database, alice.userId))?.counts.tasks.todo).toBe(todoBefore + 1);
  });

  it("answers 400 with field errors for invalid input", async () => {
    session.user = alice;
    const cases: [unknown, string][] = [
      [{ description: "   " }, "description"],
      [{ description: "x".repeat(501) }, "description"],
      [{ description: "ok", priority: "urgent" }, "priority"],
      [{ description: "ok", status: "done" }, "status"],
      [{ description: "ok", dueDate: "2026-02-30" }, "dueDate"],
      [{ description: "ok", taskId: "not-a-ulid" }, "taskId"],
      [{ description: "ok", noteId: "nope" }, "noteId"],
      [{ description: "ok", userId: bob.userId }, "_form"],
    ];
    for (const [body, field] of cases) {
      const response = await call(routes.list.POST, { method: "POST", body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatchObject({ code: "invalid" });
      expect((response.body.error as { fieldErrors: object }).fieldErrors).toHaveProperty(field);
    }
    expect((await call(routes.list.POST, { method: "POST", body: "{oops" })).status).toBe(400);
    expect((await call(routes.one.GET, { taskId: "not-a-ulid" })).status).toBe(400);
    expect((await call(routes.list.GET, { query: "?limit=101" })).status).toBe(400);
    expect((await call(routes.list.GET, { query: "?sort=asc" })).status).toBe(400);
    expect((await call(routes.list.GET, { query: "?trash=1&status=todo" })).status).toBe(400);
    expect((await call(routes.list.GET, { query: "?due=later" })).status).toBe(400);
    expect((await call(routes.list.GET, { query: "?cursor=abc" })).status).toBe(400);
    const { taskId } = await create(alice, { description: "Strict" });
    const patch = await call(routes.one.PATCH, { method: "PATCH", taskId, body: { version: 1 } });
    expect(patch.status).toBe(400);
    const unknown = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId,
      body: { version: 1, position: "a0" },
    });
    expect(unknown.status).toBe(400);
    const self = await call(routes.move.POST, {
      method: "POST",
      taskId,
      body: { afterTaskId: taskId },
    });
    expect(self.status).toBe(400);
  });

  it("answers 413 with a field error when details pass 20 KB of UTF-8", async () => {
    session.user = alice;
    // 10,241 two-byte characters: few characters, too many bytes.
    const details = "é".repeat(10_241);
    const created = await call(routes.list.POST, {
      method: "POST",
      body: { description: "Big", details },
    });
    expect(created.status).toBe(413);
    expect(created.body.error).toMatchObject({
      code: "too_large",
      fieldErrors: { details: [expect.any(String)] },
    });
    const { taskId } = await create(alice, { description: "Small", details: "é".repeat(10_240) });
    const patched = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId,
      body: { version: 1, details: `${"é".repeat(10_240)}!` },
    });
    expect(patched.status).toBe(413);
  });

  it("patches named fields, and answers a stale version with 409 and the current task", async () => {
    const { taskId } = await create(alice, {
      description: "Plan",
      details: "steps",
      dueDate: "2026-08-01",
    });
    session.user = alice;
    const first = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId,
      body: { version: 1, status: "completed", dueDate: null },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      description: "Plan",
      details: "steps",
      status: "completed",
      dueDate: null,
      completedAt: expect.any(String),
      version: 2,
    });
    const stale = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId,
      body: { version: 1, description: "Overwrite" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict" });
    expect(stale.body.current).toEqual(first.body);
  });

  it("merges per field with `base`: another field's edit stays, the same field's is a 409", async () => {
    const { taskId } = await create(alice, { description: "Plan" });
    session.user = alice;
    const dated = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId,
      body: { base: { dueDate: null }, dueDate: "2026-08-01" },
    });
    expect(dated.status).toBe(200);
    // Made from the task as it was before the date: it commits and keeps the date.
    const done = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId,
      body: { base: { status: "todo" }, status: "completed" },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", dueDate: "2026-08-01", version: 3 });
    const clash = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId,
      body: { base: { status: "todo" }, status: "in-progress" },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.current).toEqual(done.body);
    const unbased = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId,
      body: { base: { status: "completed" }, priority: "high" },
    });
    expect(unbased.status).toBe(400);
  });

  it("lists by status, due date and trash, paging with cursors", async () => {
    // A user of its own, so the lists hold only this test's tasks.
    const carol = await signUp("carol");
    const ids: string[] = [];
    for (let index = 0; index < 7; index++) {
      ids.push((await create(carol, { description: `T${index}`, dueDate: "2026-01-05" })).taskId);
    }
    session.user = carol;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(routes.list.GET, {
        query: `?status=todo&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      });
      expect(page.status).toBe(200);
      seen.push(...(page.body.items as { taskId: string }[]).map((task) => task.taskId));
      cursor = page.body.nextCursor as string | undefined;
    } while (cursor);
    expect(seen).toEqual(ids);

    const overdue = await call(routes.list.GET, { query: "?due=overdue&today=2026-01-06" });
    expect((overdue.body.items as unknown[]).length).toBe(7);
    const week = await call(routes.list.GET, { query: "?due=week&today=2026-01-06" });
    expect(week.body.items).toEqual([]);

    const first = ids[0] as string;
    expect((await call(routes.one.DELETE, { method: "DELETE", taskId: first })).status).toBe(200);
    const trash = await call(routes.list.GET, { query: "?trash=1" });
    expect((trash.body.items as { taskId: string }[]).map((task) => task.taskId)).toEqual([first]);
    const live = await call(routes.list.GET);
    expect((live.body.items as { taskId: string }[]).map((task) => task.taskId)).toEqual(
      ids.slice(1).reverse(),
    );
    expect(live.body).not.toHaveProperty("nextCursor");
  });

  it("trashes, restores and deletes for good", async () => {
    const { taskId } = await create(alice, { description: "Temporary" });
    session.user = alice;
    const trashed = await call(routes.one.DELETE, { method: "DELETE", taskId });
    expect(trashed.status).toBe(200);
    expect(trashed.body.deletedAt).toEqual(expect.any(String));
    const live = await call(routes.one.DELETE, {
      method: "DELETE",
      taskId: (await create(alice, { description: "Live" })).taskId,
      query: "?permanent=1",
    });
    expect(live.status).toBe(409);
    const restored = await call(routes.restore.POST, { method: "POST", taskId });
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    await call(routes.one.DELETE, { method: "DELETE", taskId });
    const gone = await call(routes.one.DELETE, { method: "DELETE", taskId, query: "?permanent=1" });
    expect(gone.status).toBe(204);
    expect((await call(routes.one.GET, { taskId })).status).toBe(404);
    expect((await call(routes.restore.POST, { method: "POST", taskId })).status).toBe(404);
  });

  it("moves a task between neighbours and into another column", async () => {
    const a = await create(alice, { description: "A", status: "in-progress" });
    const b = await create(alice, { description: "B", status: "in-progress" });
    const c = await create(alice, { description: "C" });
    session.user = alice;
    const moved = await call(routes.move.POST, {
      method: "POST",
      taskId: c.taskId,
      body: { status: "in-progress", afterTaskId: a.taskId, beforeTaskId: b.taskId },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: "in-progress", version: 2 });
    const column = await call(routes.list.GET, { query: "?status=in-progress" });
    const order = (column.body.items as { taskId: string }[]).map((task) => task.taskId);
    expect(order.filter((id) => [a.taskId, b.taskId, c.taskId].includes(id))).toEqual([
      a.taskId,
      c.taskId,
      b.taskId,
    ]);
    // A neighbour the caller cannot see reads as a changed board.
    const foreign = await create(bob, { description: "Bob's", status: "in-progress" });
    session.user = alice;
    const refused = await call(routes.move.POST, {
      method: "POST",
      taskId: c.taskId,
      body: { afterTaskId: foreign.taskId },
    });
    expect(refused.status).toBe(409);
  });

  it("never reads or changes another user's task", async () => {
    const own = await create(alice, { description: "Alice's secret", dueDate: "2026-09-09" });
    const before = await getTask(cloud.database, alice.userId, own.taskId);
    const countsBefore = (await getUser(cloud.database, alice.userId))?.counts;
    session.user = bob;
    const taskId = own.taskId;
    const attempts = [
      await call(routes.one.GET, { taskId }),
      await call(routes.one.PATCH, {
        method: "PATCH",
        taskId,
        body: { version: 1, description: "Mine" },
      }),
      await call(routes.one.DELETE, { method: "DELETE", taskId }),
      await call(routes.one.DELETE, { method: "DELETE", taskId, query: "?permanent=1" }),
      await call(routes.restore.POST, { method: "POST", taskId }),
      await call(routes.move.POST, { method: "POST", taskId, body: { status: "completed" } }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      expect(JSON.stringify(attempt.body)).not.toContain("Alice's secret");
    }
    // A replayed create with her id makes Bob his own task, leaving hers alone.
    const replay = await call(routes.list.POST, {
      method: "POST",
      body: { taskId, description: "Bob's" },
    });
    expect(replay.status).toBe(201);
    expect(replay.body.description).toBe("Bob's");
    const lists = await Promise.all(
      ["", "?status=todo", "?due=week&today=2026-09-08", "?trash=1"].map((query) =>
        call(routes.list.GET, { query }),
      ),
    );
    for (const list of lists) expect(JSON.stringify(list.body)).not.toContain("Alice's secret");

    expect(await getTask(cloud.database, alice.userId, own.taskId)).toEqual(before);
    expect((await getUser(cloud.database, alice.userId))?.counts).toEqual(countsBefore);
  });

  it("links a task only to a live note of the same user", async () => {
    const aliceNote = await createNote(cloud.database, alice.userId, {
      title: "Alice's note",
      content: "",
      pinned: false,
      tags: [],
    });
    const binnedNote = await createNote(cloud.database, alice.userId, {
      title: "Binned",
      content: "",
      pinned: false,
      tags: [],
    });
    await trashNote(cloud.database, alice.userId, binnedNote.note.noteId);
    const bobNote = await createNote(cloud.database, bob.userId, {
      title: "Bob's note",
      content: "",
      pinned: false,
      tags: [],
    });

    session.user = alice;
    for (const noteId of [bobNote.note.noteId, binnedNote.note.noteId, ulid()]) {
      const refused = await call(routes.list.POST, {
        method: "POST",
        body: { description: "Linked", noteId },
      });
      expect(refused.status).toBe(404);
      expect(refused.body.error).toMatchObject({
        code: "not_found",
        fieldErrors: { noteId: [expect.any(String)] },
      });
    }
    const linked = await create(alice, { description: "Linked", noteId: aliceNote.note.noteId });
    expect(linked.noteId).toBe(aliceNote.note.noteId);

    const relinked = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId: linked.taskId,
      body: { version: 1, noteId: bobNote.note.noteId },
    });
    expect(relinked.status).toBe(404);
    expect((relinked.body.error as { fieldErrors: object }).fieldErrors).toHaveProperty("noteId");
    const unlinked = await call(routes.one.PATCH, {
      method: "PATCH",
      taskId: linked.taskId,
      body: { version: 1, noteId: null },
    });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.noteId).toBeNull();
  });
});
