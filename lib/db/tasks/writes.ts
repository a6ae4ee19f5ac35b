import "server-only";
import { ulid } from "ulid";
import { expiresAtFor, isExpired, notFound, retryLostRaces, writeRecord } from "@/lib/db/records";
import type { Database } from "@/lib/db/runtime";
import {
  readTask,
  readTaskItem,
  type TaskItem,
  taskConflict,
  toTask,
  withDerivedKeys,
} from "@/lib/db/tasks/mapping";
import { endOfColumn, positionForMove, type TaskMove } from "@/lib/db/tasks/positions";
import { again, lostRace } from "@/lib/db/transact";
import { counterMoves, taskCounterOf } from "@/lib/db/user-counters";
import { AppError } from "@/lib/errors";
import {
  conflictingTaskFields,
  type TaskFieldChange,
  type TaskFieldValues,
} from "@/lib/merge/task-fields";
import { completedAtAfter } from "@/lib/tasks/lifecycle";
import type { TaskPriority, TaskStatus } from "@/lib/tasks/schemas";
import type { Task } from "@/lib/tasks/types";

export type { TaskMove };

export interface NewTask {
  readonly taskId?: string;
  readonly description: string;
  readonly details?: string;
  readonly status?: TaskStatus;
  readonly priority?: TaskPriority;
  readonly dueDate?: string;
  readonly noteId?: string;
}

/** The fields to change; `null` clears `dueDate` or `noteId`, absent leaves a field alone. */
export interface TaskPatch {
  readonly description?: string;
  readonly details?: string;
  readonly status?: TaskStatus;
  readonly priority?: TaskPriority;
  readonly dueDate?: string | null;
  readonly noteId?: string | null;
}

/** The task is still exactly as read: same version, status and trash state. */
function unchangedSince(item: TaskItem) {
  return {
    ConditionExpression: `version = :version AND #status = :status AND ${
      item.deletedAt === undefined
        ? "attribute_not_exists(deletedAt)"
        : "attribute_exists(deletedAt)"
    }`,
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":version": item.version, ":status": item.status },
  };
}

/**
 * Writes one task change (`before` undefined: create; `after` undefined: delete), conditional on
 * the task being exactly as read, with the counter moves it causes. Of two racing writes one
 * commits and the other reports `"lost"` and counts nothing.
 */
function commit(db: Database, before: TaskItem | undefined, after: TaskItem | undefined) {
  const target = (after ?? before) as TaskItem;
  const condition = before
    ? unchangedSince(before)
    : { ConditionExpression: "attribute_not_exists(taskId)" };
  const key = { userId: target.userId, taskId: target.taskId };
  return writeRecord(db, {
    kind: "task",
    userId: target.userId,
    item: after
      ? { Put: { TableName: db.tables.Tasks, Item: withDerivedKeys(after), ...condition } }
      : { Delete: { TableName: db.tables.Tasks, Key: key, ...condition } },
    counters: {
      changes: counterMoves(before && taskCounterOf(before), after && taskCounterOf(after)),
    },
  });
}

/** Refuses a trashed task: it must be restored before it changes. */
function assertLive(item: TaskItem): void {
  if (item.deletedAt !== undefined) {
    throw taskConflict("This task is in the trash; restore it to change it.", item);
  }
}

/** The task for a create with this id, if one exists; an id of a task deleted for good is refused. */
async function existingForCreate(db: Database, userId: string, taskId: string, now: Date) {
  const item = await readTaskItem(db, userId, taskId);
  if (item && isExpired(item, now)) {
    // Its id belongs to a task deleted for good, whose item TTL has not removed yet.
    throw new AppError("conflict", "This task id was used by a deleted task.", {
      fieldErrors: { taskId: ["This task id was used by a deleted task."] },
    });
  }
  return item;
}

/**
 * Creates a task at the end of its column (todo unless given), counted on the user item in the
 * same transaction. Idempotent on `taskId`: a replayed create returns the existing task.
 */
export async function createTask(
  db: Database,
  userId: string,
  input: NewTask,
  now = new Date(),
): Promise<{ task: Task; created: boolean }> {
  const taskId = input.taskId ?? ulid(now.getTime());
  const existing = await existingForCreate(db, userId, taskId, now);
  if (existing) return { task: toTask(existing), created: false };

  const status = input.status ?? "todo";
  const at = now.toISOString();
  const item: TaskItem = {
    userId,
    taskId,
    description: input.description,
    ...(input.details && { details: input.details }),
    status,
    priority: input.priority ?? "medium",
    ...(input.dueDate && { dueDate: input.dueDate }),
    position: await endOfColumn(db, userId, status, taskId),
    ...(input.noteId && { noteId: input.noteId }),
    completedAt: completedAtAfter(status, undefined, at),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  if ((await commit(db, undefined, item)) === "done") return { task: toTask(item), created: true };
  // Created by a racing replay of the same request.
  const raced = await existingForCreate(db, userId, taskId, now);
  if (!raced) throw lostRace();
  return { task: toTask(raced), created: false };
}

async function explainLostWrite(db: Database, userId: string, taskId: string, now: Date) {
  const current = await readTask(db, userId, taskId, now);
  if (!current) return notFound("task");
  return taskConflict("This task changed elsewhere since you opened it.", current);
}

/**
 * What a change was based on: the value of each field it changes as the client saw it (a
 * per-field merge, issue 13 §4), or the whole task's version (an outbox entry queued by an
 * earlier build).
 */
export type TaskPatchBase = number | { readonly base: TaskFieldChange };

/** The task's mergeable fields as the API shows them. */
function fieldValues(item: TaskItem): TaskFieldValues {
  const task = toTask(item);
  const { description, details, status, priority, dueDate, noteId } = task;
  return { description, details, status, priority, dueDate, noteId };
}

/**
 * Applies the named fields only. With a version, the task must still be at it; with per-field
 * bases, only the changed fields must be as the client saw them (or already what it sets), so
 * edits of other fields made elsewhere meanwhile stay. Either way a refusal is a 409 carrying
 * the current task. A new status puts the task at the end of that column.
 *
 * The write itself is conditional on the whole task as read here, so the derived values (the
 * column's position, completedAt, the index keys, the counters) always follow from the fields
 * they are written with; a write racing in between makes a per-field change read again and
 * re-check its fields, not fail.
 */
export function updateTask(
  db: Database,
  userId: string,
  taskId: string,
  patch: TaskPatch,
  expected: TaskPatchBase,
  now = new Date(),
): Promise<Task> {
  return retryLostRaces(async () => {
    const item = await readTask(db, userId, taskId, now);
    if (!item) throw notFound("task");
    assertLive(item);
    const stale =
      typeof expected === "number"
        ? item.version !== expected
        : conflictingTaskFields(fieldValues(item), patch, expected.base).length > 0;
    if (stale) throw taskConflict("This task changed elsewhere since you opened it.", item);
    const at = now.toISOString();
    const status = patch.status ?? item.status;
    const next: TaskItem = {
      ...item,
      status,
      updatedAt: at,
      version: item.version + 1,
      completedAt: completedAtAfter(status, item, at),
    };
    if (patch.description !== undefined) next.description = patch.description;
    if (patch.details !== undefined) next.details = patch.details || undefined;
    if (patch.priority !== undefined) next.priority = patch.priority;
    if (patch.dueDate !== undefined) next.dueDate = patch.dueDate ?? undefined;
    if (patch.noteId !== undefined) next.noteId = patch.noteId ?? undefined;
    if (status !== item.status) next.position = await endOfColumn(db, userId, status, taskId);
    if ((await commit(db, item, next)) === "done") return toTask(next);
    if (typeof expected !== "number") return again;
    throw await explainLostWrite(db, userId, taskId, now);
  });
}

/**
 * Moves a task to another column and/or between two neighbours of its column (drag and drop).
 * Rewrites only the moved task; counters follow a change of column in the same transaction.
 */
export async function moveTask(
  db: Database,
  userId: string,
  taskId: string,
  move: TaskMove,
  now = new Date(),
): Promise<Task> {
  if (move.afterTaskId === taskId || move.beforeTaskId === taskId) {
    const message = "A task cannot be placed next to itself.";
    throw new AppError("invalid", message, {
      fieldErrors: { [move.afterTaskId === taskId ? "afterTaskId" : "beforeTaskId"]: [message] },
    });
  }
  return retryLostRaces(async () => {
    const item = await readTask(db, userId, taskId, now);
    if (!item) throw notFound("task");
    assertLive(item);
    const status = move.status ?? item.status;
    const at = now.toISOString();
    const next: TaskItem = {
      ...item,
      status,
      position: await positionForMove(db, userId, taskId, status, move, now),
      completedAt: completedAtAfter(status, item, at),
      updatedAt: at,
      version: item.version + 1,
    };
    return (await commit(db, item, next)) === "lost" ? again : toTask(next);
  });
}

/** Moves a task to the trash for 30 days. Trashing a trashed task is a no-op (safe to replay). */
export function trashTask(db: Database, userId: string, taskId: string, now = new Date()) {
  return retryLostRaces(async () => {
    const item = await readTask(db, userId, taskId, now);
    if (!item) throw notFound("task");
    if (item.deletedAt !== undefined) return toTask(item);
    const next: TaskItem = {
      ...item,
      deletedAt: now.toISOString(),
      expiresAt: expiresAtFor(now),
      updatedAt: now.toISOString(),
      version: item.version + 1,
    };
    return (await commit(db, item, next)) === "lost" ? again : toTask(next);
  });
}

/** Brings a trashed task back to its place. Restoring a live task is a no-op (safe to replay). */
export function restoreTask(db: Database, userId: string, taskId: string, now = new Date()) {
  return retryLostRaces(async () => {
    const item = await readTask(db, userId, taskId, now);
    if (!item) throw notFound("task");
    if (item.deletedAt === undefined) return toTask(item);
    const { deletedAt: _deletedAt, expiresAt: _expiresAt, ...rest } = item;
    const next: TaskItem = { ...rest, updatedAt: now.toISOString(), version: item.version + 1 };
    return (await commit(db, item, next)) === "lost" ? again : toTask(next);
  });
}

/** Deletes a trashed task for good; a live task must go to the trash first. */
export function deleteTrashedTask(
  db: Database,
  userId: string,
  taskId: string,
  now = new Date(),
): Promise<void> {
  return retryLostRaces(async () => {
    const item = await readTask(db, userId, taskId, now);
    if (!item) throw notFound("task");
    if (item.deletedAt === undefined) {
      throw taskConflict("Only tasks in the trash can be deleted for good.", item);
    }
    return (await commit(db, item, undefined)) === "lost" ? again : undefined;
  });
}
