/**
 * The tasks service owns every task operation the routes, actions and pages use: reading one
 * (or a 404), the trash, "Clear done" and the list and board pages' queries.
 */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { getTask } from "@/lib/db/tasks-repository";
import { createUser, getUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { taskListViewSchema } from "@/lib/tasks/list-view";
import { boardFirstPage, readDeletedTasks, readTaskBoard, readTaskList } from "@/lib/tasks/pages";
import {
  clearDoneTasks,
  createTaskWithChecks,
  moveTaskToTrash,
  requireTask,
  restoreTaskFromTrash,
  updateTaskWithChecks,
} from "@/lib/tasks/service";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
});

async function newUser() {
  const user = await createUser(cloud.database, {
    email: `svc-${ulid().toLowerCase()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  return user.userId;
}

async function addTask(userId: string, description: string, status?: "in-progress" | "completed") {
  const { task } = await createTaskWithChecks(cloud.database, userId, { description });
  if (!status) return task;
  return updateTaskWithChecks(cloud.database, userId, task.taskId, { status }, task.version);
}

async function taskCounts(userId: string) {
  return (await getUser(cloud.database, userId))?.counts.tasks;
}

describe("requireTask", () => {
  it("reads the caller's task, trashed or not, and answers 404 for anyone else's", async () => {
    const db = cloud.database;
    const [alice, bob] = [await newUser(), await newUser()];
    const task = await addTask(alice, "Alice's");
    await moveTaskToTrash(db, alice, task.taskId);
    expect(await requireTask(db, alice, task.taskId)).toMatchObject({
      taskId: task.taskId,
      deletedAt: expect.any(String),
    });
    const refusal = await requireTask(db, bob, task.taskId).catch((error) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "not_found", message: "This task does not exist." });
  });
});

describe("the trash", () => {
  it("moves a task to the trash and back, each twice without harm (replays)", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const task = await addTask(userId, "Trash me");
    const trashed = await moveTaskToTrash(db, userId, task.taskId);
    expect(trashed.deletedAt).not.toBeNull();
    expect((await moveTaskToTrash(db, userId, task.taskId)).deletedAt).toBe(trashed.deletedAt);
    expect(await taskCounts(userId)).toMatchObject({ todo: 0 });
    expect((await restoreTaskFromTrash(db, userId, task.taskId)).deletedAt).toBeNull();
    expect((await restoreTaskFromTrash(db, userId, task.taskId)).deletedAt).toBeNull();
    expect(await taskCounts(userId)).toMatchObject({ todo: 1 });
  });

  it("refuses another user's task exactly like a missing one", async () => {
    const db = cloud.database;
    const [alice, bob] = [await newUser(), await newUser()];
    const task = await addTask(alice, "Alice's");
    for (const operation of [moveTaskToTrash, restoreTaskFromTrash]) {
      await expect(operation(db, bob, task.taskId)).rejects.toMatchObject({ code: "not_found" });
    }
    expect((await getTask(db, alice, task.taskId))?.deletedAt).toBeNull();
  });
});

describe("clear done", () => {
  it("moves every done task to the trash, past one page, and nothing else", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const open = await addTask(userId, "Still to do");
    const started = await addTask(userId, "Started", "in-progress");
    const done: string[] = [];
    // More than one page of the Done column (pages of 100).
    for (let index = 0; index < 103; index++) {
      done.push((await addTask(userId, `Done ${index}`, "completed")).taskId);
    }
    const other = await newUser();
    const othersDone = await addTask(other, "Someone else's", "completed");

    expect(await clearDoneTasks(db, userId)).toBe(103);
    expect(await taskCounts(userId)).toMatchObject({ todo: 1, inProgress: 1, completed: 0 });
    for (const taskId of [done[0], done[102]] as string[]) {
      expect((await getTask(db, userId, taskId))?.deletedAt).not.toBeNull();
    }
    expect((await getTask(db, userId, open.taskId))?.deletedAt).toBeNull();
    expect((await getTask(db, userId, started.taskId))?.deletedAt).toBeNull();
    expect((await getTask(db, other, othersDone.taskId))?.deletedAt).toBeNull();
    expect(await clearDoneTasks(db, userId)).toBe(0);
  }, 120_000);
});

describe("the tasks pages' queries", () => {
  const view = (query: Record<string, string>) => taskListViewSchema.parse(query);

  it("lists open tasks by default, one status when asked, and puts an asked-for task first", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const todo = await addTask(userId, "To do");
    const started = await addTask(userId, "Started", "in-progress");
    const done = await addTask(userId, "Done", "completed");

    const open = await readTaskList(db, userId, view({}));
    expect(open.items.map((item) => item.taskId).sort()).toEqual(
      [todo.taskId, started.taskId].sort(),
    );
    expect(open).toMatchObject({ truncated: false, counts: { todo: 1, inProgress: 1 } });
    expect(open.focusTaskId).toBeUndefined();

    const completed = await readTaskList(db, userId, view({ status: "completed" }));
    expect(completed.items.map((item) => item.taskId)).toEqual([done.taskId]);

    // A link to a task outside the filter still opens it, first in the list.
    const focused = await readTaskList(db, userId, view({ status: "todo", task: done.taskId }));
    expect(focused.items.map((item) => item.taskId)).toEqual([done.taskId, todo.taskId]);
    expect(focused.focusTaskId).toBe(done.taskId);
    expect(focused.items[0]).not.toHaveProperty("details");

    // Due filters read open tasks only: "completed" is ignored with one.
    await updateTaskWithChecks(db, userId, todo.taskId, { dueDate: "2020-01-01" }, todo.version);
    const overdue = await readTaskList(
      db,
      userId,
      view({ due: "overdue", status: "completed", today: "2026-01-01" }),
    );
    expect(overdue.items.map((item) => item.taskId)).toEqual([todo.taskId]);
  });

  it("never opens a trashed or another user's task from the address", async () => {
    const db = cloud.database;
    const [alice, bob] = [await newUser(), await newUser()];
    const trashed = await addTask(alice, "Trashed");
    await moveTaskToTrash(db, alice, trashed.taskId);
    const bobs = await addTask(bob, "Bob's");
    for (const task of [trashed.taskId, bobs.taskId]) {
      const page = await readTaskList(db, alice, view({ task }));
      expect(page.items).toEqual([]);
      expect(page.focusTaskId).toBeUndefined();
    }
  });

  it("gives the board its three columns and the trash page its tasks, with counts", async () => {
    const db = cloud.database;
    const userId = await newUser();
    const todo = await addTask(userId, "To do");
    const started = await addTask(userId, "Started", "in-progress");
    const done = await addTask(userId, "Done", "completed");
    const gone = await addTask(userId, "Gone");
    await moveTaskToTrash(db, userId, gone.taskId);

    const board = await readTaskBoard(db, userId);
    expect(board.columns.todo.items.map((item) => item.taskId)).toEqual([todo.taskId]);
    expect(board.columns["in-progress"].items.map((item) => item.taskId)).toEqual([started.taskId]);
    expect(board.columns.completed.items.map((item) => item.taskId)).toEqual([done.taskId]);
    expect(board.counts).toEqual({ todo: 1, inProgress: 1, completed: 1 });

    const trash = await readDeletedTasks(db, userId);
    expect(trash.page.items.map((item) => item.taskId)).toEqual([gone.taskId]);
    expect(trash.counts).toEqual(board.counts);
  });

  it("draws the board's first paint with a short page per column, and a cursor to the rest", async () => {
    const db = cloud.database;
    const userId = await newUser();
    for (let index = 0; index <= boardFirstPage; index++) await addTask(userId, `Task ${index}`);

    const board = await readTaskBoard(db, userId);
    expect(board.columns.todo.items).toHaveLength(boardFirstPage);
    expect(board.columns.todo.nextCursor).toBeTruthy();
    expect(board.counts.todo).toBe(boardFirstPage + 1);
  });
});
