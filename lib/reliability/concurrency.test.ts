/**
 * Concurrency: racing writers through the real route handlers and repositories on DynamoDB Local.
 * Optimistic locking must pick exactly one winner, and the per-user counters (updated in the
 * same transactions as the items) must equal a fresh count after a storm of moves and trashes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createNote, getNote } from "@/lib/db/notes-repository";
import {
  createTask,
  deleteTrashedTask,
  moveTask,
  restoreTask,
  trashTask,
} from "@/lib/db/tasks-repository";
import { getUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import {
  call,
  findRoute,
  newSessionUser,
  type RouteHandler,
  runBounded,
  seededRandom,
  setUpRouteCloud,
  snapshotUser,
} from "@/lib/reliability/harness";
import { taskStatuses } from "@/lib/tasks/schemas";
import type { TestCloud } from "@/lib/testing/cloud";
import { session } from "@/lib/testing/session-mock";

describe("concurrency", () => {
  let cloud: TestCloud;
  let routes: RouteHandler[];

  beforeAll(async () => {
    ({ cloud, routes } = await setUpRouteCloud());
  });

  afterAll(() => {
    session.user = null;
    vi.unstubAllEnvs();
  });

  const newUser = (name: string) => newSessionUser(cloud.database, name);

  it("50 parallel PATCHes at one version: exactly one 200, 49 409s, the winner's text stored", async () => {
    const user = await newUser("racer");
    const { note } = await createNote(cloud.database, user.userId, {
      title: "Start",
      content: "start",
      pinned: false,
      tags: [],
    });
    session.user = user;
    const patch = findRoute(routes, "PATCH /app/api/notes/[noteId]/route.ts");
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        call(patch, "PATCH", {
          params: { noteId: note.noteId },
          body: { version: note.version, title: `Writer ${index}`, content: `text of ${index}` },
        }),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = results.find((result) => result.status === 200)?.body as {
      title: string;
      content: string;
      version: number;
    };
    expect(winner.version).toBe(2);
    const stored = await getNote(cloud.database, user.userId, note.noteId);
    expect(stored).toMatchObject({ title: winner.title, content: winner.content, version: 2 });
    // Every loser was told the current note: the winner's.
    for (const loser of results.filter((result) => result.status === 409)) {
      expect(loser.body.current).toMatchObject({ title: winner.title, version: 2 });
    }
  });

  it("1,000 random concurrent moves, trashes, restores and deletes keep counters equal to a fresh count", async () => {
    const user = await newUser("storm");
    const db = cloud.database;
    const taskIds: string[] = [];
    for (let index = 0; index < 24; index++) {
      const status = taskStatuses[index % 3];
      taskIds.push(
        (await createTask(db, user.userId, { description: `T${index}`, status })).task.taskId,
      );
    }
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const outcomes = new Map<string, number>();
    const jobs = Array.from({ length: 1_000 }, () => {
      const taskId = pick(taskIds);
      const kind = pick([
        "move",
        "move",
        "move",
        "moveBetween",
        "trash",
        "restore",
        "trash",
        "restore",
        "delete",
      ]);
      const status = pick(taskStatuses);
      const [after, before] = [pick(taskIds), pick(taskIds)];
      return async () => {
        try {
          if (kind === "move") await moveTask(db, user.userId, taskId, { status });
          else if (kind === "moveBetween") {
            await moveTask(db, user.userId, taskId, {
              status,
              afterTaskId: after,
              ...(before !== after && { beforeTaskId: before }),
            });
          } else if (kind === "trash") await trashTask(db, user.userId, taskId);
          else if (kind === "restore") await restoreTask(db, user.userId, taskId);
          else await deleteTrashedTask(db, user.userId, taskId);
          outcomes.set(`${kind} ok`, (outcomes.get(`${kind} ok`) ?? 0) + 1);
        } catch (error) {
          // Lost races and impossible requests are refused with a domain error, never a crash.
          if (!(error instanceof AppError)) throw error;
          expect(["conflict", "not_found", "invalid"]).toContain(error.code);
          outcomes.set(`${kind} ${error.code}`, (outcomes.get(`${kind} ${error.code}`) ?? 0) + 1);
        }
      };
    });
    await runBounded(jobs, 25);
    expect([...outcomes.values()].reduce((sum, count) => sum + count, 0)).toBe(1_000);
    // The storm did real work (the exact split depends on scheduling, so only a loose floor).
    for (const kind of ["move", "trash", "restore"]) {
      expect(outcomes.get(`${kind} ok`) ?? 0, kind).toBeGreaterThan(40);
    }

    const items = (await snapshotUser(db, undefined, user.userId)).tasks;
    const live = items.filter((item) => item.deletedAt === undefined);
    const count = (status: string) => live.filter((item) => item.status === status).length;
    const counts = (await getUser(db, user.userId))?.counts;
    expect(counts?.tasks).toEqual({
      todo: count("todo"),
      inProgress: count("in-progress"),
      completed: count("completed"),
    });
    expect(counts?.trashedTasks).toBe(items.length - live.length);
    // Index keys follow the items: every live task is in exactly its column, trashed ones in none.
    for (const item of items) {
      expect(item.statusKey).toBe(
        item.deletedAt === undefined ? `${user.userId}#${item.status}` : undefined,
      );
    }
  }, 90_000);
});
