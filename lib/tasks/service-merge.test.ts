/**
 * Per-field merging of task edits (issue 13 §4), against DynamoDB Local: a PATCH names the
 * value each changed field had when the client saw it (`base`); edits of different fields from
 * different devices all commit, the same field changed two ways is a 409 with the task as it is,
 * and an outbox entry from an earlier build (`version` only) is checked as before.
 */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { readTaskItem } from "@/lib/db/tasks/mapping";
import { getTask } from "@/lib/db/tasks-repository";
import { createUser, getUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { taskPatchSchema } from "@/lib/tasks/schemas";
import { createTaskWithChecks, updateTaskWithChecks } from "@/lib/tasks/service";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
});

async function newUser() {
  const user = await createUser(cloud.database, {
    email: `merge-${ulid().toLowerCase()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  return user.userId;
}

async function newTask(userId: string) {
  const { task } = await createTaskWithChecks(cloud.database, userId, {
    description: "Water the plants",
  });
  return task;
}

describe("a task PATCH with per-field bases", () => {
  it("commits a status change and a due-date change made at once from one version", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const task = await newTask(userId);
    const [done, dated] = await Promise.all([
      updateTaskWithChecks(
        db,
        userId,
        task.taskId,
        { status: "completed" },
        {
          base: { status: "todo" },
        },
      ),
      updateTaskWithChecks(
        db,
        userId,
        task.taskId,
        { dueDate: "2026-06-01" },
        {
          base: { dueDate: null },
        },
      ),
    ]);
    expect(done.status).toBe("completed");
    expect(dated.dueDate).toBe("2026-06-01");
    const stored = await getTask(db, userId, task.taskId);
    expect(stored).toMatchObject({
      status: "completed",
      completedAt: expect.any(String),
      dueDate: "2026-06-01",
      version: 3,
    });
    // The move to Done was counted once, whichever write went first.
    expect((await getUser(db, userId))?.counts.tasks).toMatchObject({
      todo: 0,
      inProgress: 0,
      completed: 1,
    });
  });

  it("keeps every field when several devices each change another one", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const task = await newTask(userId);
    await Promise.all([
      updateTaskWithChecks(
        db,
        userId,
        task.taskId,
        { status: "in-progress" },
        {
          base: { status: "todo" },
        },
      ),
      updateTaskWithChecks(
        db,
        userId,
        task.taskId,
        { priority: "high" },
        {
          base: { priority: "medium" },
        },
      ),
      updateTaskWithChecks(
        db,
        userId,
        task.taskId,
        { details: "Twice a week" },
        {
          base: { details: "" },
        },
      ),
      updateTaskWithChecks(
        db,
        userId,
        task.taskId,
        { description: "Water the roses" },
        {
          base: { description: "Water the plants" },
        },
      ),
    ]);
    expect(await getTask(db, userId, task.taskId)).toMatchObject({
      status: "in-progress",
      priority: "high",
      details: "Twice a week",
      description: "Water the roses",
      version: 5,
    });
  });

  it("keeps derived values exact while three devices keep editing different fields", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const task = await newTask(userId);
    const statuses = ["in-progress", "completed", "todo", "completed", "in-progress"] as const;
    const dates = ["2026-06-01", "2026-06-02", null, "2026-06-04", "2026-06-05"] as const;
    const priorities = ["high", "low", "high", "medium", "low"] as const;
    // Each device changes only its own field, so each knows that field's value: its last one.
    async function device<T extends string | null>(
      field: "status" | "dueDate" | "priority",
      values: readonly T[],
      first: T,
    ) {
      let seen: T = first;
      for (const value of values) {
        await updateTaskWithChecks(
          db,
          userId,
          task.taskId,
          { [field]: value },
          {
            base: { [field]: seen },
          },
        );
        seen = value;
      }
    }
    await Promise.all([
      device("status", statuses, "todo"),
      device("dueDate", dates, null),
      device("priority", priorities, "medium"),
    ]);
    const item = await readTaskItem(db, userId, task.taskId);
    expect(item).toMatchObject({
      status: "in-progress",
      dueDate: "2026-06-05",
      priority: "low",
      version: 16,
      // Open with a date: on the due index, in its column's index, not completed.
      dueKey: `2026-06-05#${task.taskId}`,
      statusKey: `${userId}#in-progress`,
    });
    expect(item?.completedAt).toBeUndefined();
    expect((await getUser(db, userId))?.counts.tasks).toMatchObject({
      todo: 0,
      inProgress: 1,
      completed: 0,
    });
  });

  it("refuses the same field changed two ways with a 409 carrying the task as it is", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const task = await newTask(userId);
    const first = await updateTaskWithChecks(
      db,
      userId,
      task.taskId,
      { status: "in-progress" },
      {
        base: { status: "todo" },
      },
    );
    const second = updateTaskWithChecks(
      db,
      userId,
      task.taskId,
      { status: "completed" },
      {
        base: { status: "todo" },
      },
    );
    await expect(second).rejects.toBeInstanceOf(AppError);
    await expect(second).rejects.toMatchObject({ code: "conflict", details: { current: first } });
    // The same value set on both devices (or a change replayed) is no conflict.
    const again = await updateTaskWithChecks(
      db,
      userId,
      task.taskId,
      { status: "in-progress" },
      {
        base: { status: "todo" },
      },
    );
    expect(again.status).toBe("in-progress");
  });

  it("refuses one of two racing changes of one field, and keeps the other", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const task = await newTask(userId);
    const results = await Promise.allSettled([
      updateTaskWithChecks(
        db,
        userId,
        task.taskId,
        { priority: "high" },
        {
          base: { priority: "medium" },
        },
      ),
      updateTaskWithChecks(
        db,
        userId,
        task.taskId,
        { priority: "low" },
        {
          base: { priority: "medium" },
        },
      ),
    ]);
    const kept = results.find((result) => result.status === "fulfilled");
    const refused = results.find((result) => result.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "conflict" });
    expect(kept?.value.priority).toBe((await getTask(db, userId, task.taskId))?.priority);
  });

  it("still checks the whole version for a PATCH queued by an earlier build", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const task = await newTask(userId);
    const dated = await updateTaskWithChecks(db, userId, task.taskId, { dueDate: "2026-06-01" }, 1);
    expect(dated.version).toBe(2);
    const stale = updateTaskWithChecks(db, userId, task.taskId, { status: "completed" }, 1);
    await expect(stale).rejects.toMatchObject({ code: "conflict", details: { current: dated } });
  });
});

describe("the task PATCH body", () => {
  it("takes a base for exactly the changed fields, or a version alone", () => {
    const parse = (body: unknown) => taskPatchSchema.safeParse(body).success;
    expect(parse({ status: "completed", base: { status: "todo" } })).toBe(true);
    expect(parse({ dueDate: null, base: { dueDate: "2026-06-01" } })).toBe(true);
    expect(parse({ version: 2, status: "completed" })).toBe(true);
    // A changed field without its base, a base of a field not changed, neither base nor version.
    expect(parse({ status: "completed", priority: "low", base: { status: "todo" } })).toBe(false);
    expect(parse({ status: "completed", base: { status: "todo", priority: "low" } })).toBe(false);
    expect(parse({ status: "completed" })).toBe(false);
  });
});
