/**
 * Idempotency keys through the real routes: a stored answer holds the content of what it
 * answered, so deleting that note or task for good must leave no copy of it in a stored answer,
 * and a late replay of the key must not bring the data back.
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  call,
  findRoute,
  newSessionUser,
  type RouteHandler,
  setUpRouteCloud,
} from "@/lib/reliability/harness";
import type { TestCloud } from "@/lib/testing/cloud";
import { session } from "@/lib/testing/session-mock";

describe("stored idempotent answers and data deleted for good", () => {
  let cloud: TestCloud;
  let routes: RouteHandler[];

  beforeAll(async () => {
    ({ cloud, routes } = await setUpRouteCloud());
  });

  afterAll(() => {
    session.user = null;
    vi.unstubAllEnvs();
  });

  async function storedTexts(): Promise<string> {
    const { Items } = await cloud.database.client.send(
      new ScanCommand({ TableName: cloud.database.tables.Users, ConsistentRead: true }),
    );
    return JSON.stringify(Items ?? []);
  }

  const keyed = (key: string) => ({ headers: { "idempotency-key": key } });

  it("a note deleted for good leaves no content in stored answers, and its create never replays", async () => {
    session.user = await newSessionUser(cloud.database, "Keeper");
    const secret = `NOTE-SECRET-${ulid()}`;
    const create = { body: { title: secret, content: secret }, ...keyed(ulid()) };
    const created = await call(findRoute(routes, "POST /app/api/notes/route.ts"), "POST", create);
    expect(created.status).toBe(201);
    const noteId = String(created.body.noteId);
    const one = findRoute(routes, "DELETE /app/api/notes/[noteId]/route.ts");
    const patch = await call(findRoute(routes, "PATCH /app/api/notes/[noteId]/route.ts"), "PATCH", {
      params: { noteId },
      body: { version: 1, content: `${secret} edited` },
      ...keyed(ulid()),
    });
    expect(patch.status).toBe(200);
    const trash = await call(one, "DELETE", { params: { noteId }, body: {}, ...keyed(ulid()) });
    expect(trash.status).toBe(200);
    expect(await storedTexts()).toContain(secret);

    const gone = await call(one, "DELETE", {
      params: { noteId },
      query: "?permanent=1",
      body: {},
      ...keyed(ulid()),
    });
    expect(gone.status).toBe(204);
    expect(await storedTexts()).not.toContain(secret);

    // A device replaying the create late gets a refusal, and the note stays gone.
    const replay = await call(findRoute(routes, "POST /app/api/notes/route.ts"), "POST", create);
    expect(replay.status).toBe(410);
    const read = await call(findRoute(routes, "GET /app/api/notes/[noteId]/route.ts"), "GET", {
      params: { noteId },
      query: "?trash=1",
    });
    expect(read.status).toBe(404);
  });

  it("a task deleted for good leaves no content in stored answers", async () => {
    session.user = await newSessionUser(cloud.database, "Tasker");
    const secret = `TASK-SECRET-${ulid()}`;
    const created = await call(findRoute(routes, "POST /app/api/tasks/route.ts"), "POST", {
      body: { description: secret, details: secret },
      ...keyed(ulid()),
    });
    expect(created.status).toBe(201);
    const taskId = String(created.body.taskId);
    const one = findRoute(routes, "DELETE /app/api/tasks/[taskId]/route.ts");
    expect((await call(one, "DELETE", { params: { taskId }, ...keyed(ulid()) })).status).toBe(200);
    expect(await storedTexts()).toContain(secret);
    const gone = await call(one, "DELETE", {
      params: { taskId },
      query: "?permanent=1",
      ...keyed(ulid()),
    });
    expect(gone.status).toBe(204);
    expect(await storedTexts()).not.toContain(secret);
  });
});
