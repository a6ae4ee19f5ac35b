import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { deleteKeys } from "@/lib/db/batch";
import {
  failedTransactionConditions,
  isConditionFailure,
  isTransactionConflict,
} from "@/lib/db/conditions";
import { decodeCursor, encodeCursor, type PageKey } from "@/lib/db/cursor";
import type { Database } from "@/lib/db/runtime";
import { taskCardAttributes } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { uniquePositionBetween } from "@/lib/tasks/position";
import {
  type DueFilter,
  type TaskPriority,
  type TaskStatus,
  taskLimits,
} from "@/lib/tasks/schemas";
import type { Task, TaskCard, TaskPage } from "@/lib/tasks/types";

export type { Task, TaskCard, TaskPage };

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

export interface TaskMove {
  readonly status?: TaskStatus;
  /** The task that ends up just above the moved one. */
  readonly afterTaskId?: string;
  /** The task that ends up just below the moved one. */
  readonly beforeTaskId?: string;
}

interface TaskItem {
  userId: string;
  taskId: string;
  description: string;
  details?: string;
  status: TaskStatus;
  priority: TaskPriority;
  dueDate?: string;
  position: string;
  noteId?: string;
  completedAt?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  deletedAt?: string;
  expiresAt?: number;
  statusKey?: string;
  dueKey?: string;
}

const trashDays = 30;
// Far below DynamoDB's 1 KB key limit; only thousands of drops into one gap get near it.
const maxPositionLength = 512;
// Optimistic retries for server-driven writes (moves, trash, restore) that lose a race.
const maxAttempts = 8;

const counterByStatus: Record<TaskStatus, string> = {
  todo: "todoCount",
  "in-progress": "inProgressCount",
  completed: "completedCount",
};

// The card attributes the indexes project, plus the keys and the trash mark.
const cardAttributes = ["userId", "taskId", ...taskCardAttributes, "deletedAt"] as const;

/** A ProjectionExpression for cards, with placeholders since `status` is a reserved word. */
const cardProjection = {
  ProjectionExpression: cardAttributes.map((_, index) => `#p${index}`).join(", "),
  names: Object.fromEntries(cardAttributes.map((name, index) => [`#p${index}`, name])),
};

export function statusKeyOf(userId: string, status: TaskStatus): string {
  return `${userId}#${status}`;
}

function isExpired(item: { expiresAt?: number }, now: Date): boolean {
  return item.expiresAt !== undefined && item.expiresAt * 1000 <= now.getTime();
}

/** The index keys follow from the rest: on the board unless trashed, by due date while open. */
function withDerivedKeys(item: TaskItem): TaskItem {
  const { statusKey: _statusKey, dueKey: _dueKey, ...rest } = item;
  const live = rest.deletedAt === undefined;
  return {
    ...rest,
    ...(live && { statusKey: statusKeyOf(rest.userId, rest.status) }),
    ...(live &&
      rest.status !== "completed" &&
      rest.dueDate !== undefined && { dueKey: `${rest.dueDate}#${rest.taskId}` }),
  };
}

function toCard(item: Omit<TaskItem, "details">): TaskCard {
  return {
    taskId: item.taskId,
    description: item.description,
    status: item.status,
    priority: item.priority,
    dueDate: item.dueDate ?? null,
    position: item.position,
    noteId: item.noteId ?? null,
    completedAt: item.completedAt ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
    deletedAt: item.deletedAt ?? null,
  };
}

function toTask(item: TaskItem): Task {
  return { ...toCard(item), details: item.details ?? "" };
}

const notFound = () => new AppError("not_found", "This task does not exist.");

const accountGone = () => new AppError("not_found", "This account no longer exists.");

function conflict(message: string, current: TaskItem): AppError {
  return new AppError("conflict", message, { details: { current: toTask(current) } });
}

async function readItem(
  db: Database,
  userId: string,
  taskId: string,
  now: Date,
): Promise<TaskItem | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Tasks, Key: { userId, taskId }, ConsistentRead: true }),
  );
  const item = Item as TaskItem | undefined;
  return item && !isExpired(item, now) ? item : undefined;
}

/** The counter a task adds to on the user item: its status column, or the trash. */
function counterOf(item: TaskItem): string {
  return item.deletedAt !== undefined ? "trashedTaskCount" : counterByStatus[item.status];
}

function counterChanges(before: TaskItem | undefined, after: TaskItem | undefined) {
  const changes: Record<string, number> = {};
  if (before) changes[counterOf(before)] = (changes[counterOf(before)] ?? 0) - 1;
  if (after) changes[counterOf(after)] = (changes[counterOf(after)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(changes).filter(([, change]) => change !== 0));
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

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Writes one task change (`before` undefined: create; `after` undefined: delete) and, in the same
 * transaction, the matching ADDs on the user's counters. The task write is conditional on the
 * task being exactly as read, so of two racing writes one commits and the other reports `lost`
 * and counts nothing. Transaction conflicts on the shared user item are retried here.
 */
async function commit(
  db: Database,
  before: TaskItem | undefined,
  after: TaskItem | undefined,
): Promise<"done" | "lost"> {
  const target = (after ?? before) as TaskItem;
  const condition = before
    ? unchangedSince(before)
    : { ConditionExpression: "attribute_not_exists(taskId)" };
  const put = after && { TableName: db.tables.Tasks, Item: withDerivedKeys(after), ...condition };
  const remove = {
    TableName: db.tables.Tasks,
    Key: { userId: target.userId, taskId: target.taskId },
    ...condition,
  };
  const changes = Object.entries(counterChanges(before, after));

  for (let attempt = 0; ; attempt++) {
    try {
      if (changes.length === 0) {
        if (put) await db.client.send(new PutCommand(put));
        else await db.client.send(new DeleteCommand(remove));
      } else {
        await db.client.send(
          new TransactWriteCommand({
            TransactItems: [
              put ? { Put: put } : { Delete: remove },
              {
                Update: {
                  TableName: db.tables.Users,
                  Key: { userId: target.userId },
                  UpdateExpression: `ADD ${changes.map(([name], index) => `${name} :c${index}`).join(", ")}`,
                  ConditionExpression: "kind = :user",
                  ExpressionAttributeValues: {
                    ...Object.fromEntries(
                      changes.map(([, change], index) => [`:c${index}`, change]),
                    ),
                    ":user": "user",
                  },
                },
              },
            ],
          }),
        );
      }
      return "done";
    } catch (error) {
      if (isConditionFailure(error)) return "lost";
      const failed = failedTransactionConditions(error);
      if (failed?.[0]) return "lost";
      if (failed?.[1]) throw accountGone();
      if (!isTransactionConflict(error)) throw error;
      if (attempt >= maxAttempts) {
        throw new AppError("conflict", "Too many changes at once; nothing was changed. Try again.");
      }
      await pause(Math.random() * Math.min(1000, 25 * 2 ** attempt));
    }
  }
}

/** Reads, changes and conditionally writes a task, starting over when a racing write won. */
async function retryOnLostRace<T>(
  attempt: () => Promise<{ result: T; lost: boolean }>,
): Promise<T> {
  for (let round = 0; round < maxAttempts; round++) {
    const { result, lost } = await attempt();
    if (!lost) return result;
    await pause(Math.random() * 10 * (round + 1));
  }
  throw new AppError(
    "conflict",
    "This task is changing elsewhere; nothing was changed. Try again.",
  );
}

/**
 * A position strictly between two neighbours of a column (`null` for its open ends), made
 * unique so racing moves into one gap stay in a total order.
 */
function newPosition(before: string | null, after: string | null): string {
  const position = uniquePositionBetween(before, after);
  if (position.length > maxPositionLength) {
    throw new AppError("conflict", "Too many tasks were dropped in this spot; drop it elsewhere.");
  }
  return position;
}

/** The nearest task of a column above (`"up"`) or below a position, skipping one task. */
async function neighbourPosition(
  db: Database,
  userId: string,
  status: TaskStatus,
  from: { position?: string; direction: "up" | "down"; skipTaskId: string },
): Promise<string | null> {
  const values: Record<string, unknown> = { ":statusKey": statusKeyOf(userId, status) };
  let range = "";
  if (from.position !== undefined) {
    range = ` AND #position ${from.direction === "up" ? "<" : ">"} :position`;
    values[":position"] = from.position;
  }
  const { Items } = await db.client.send(
    new QueryCommand({
      TableName: db.tables.Tasks,
      IndexName: "ByStatus",
      KeyConditionExpression: `statusKey = :statusKey${range}`,
      ExpressionAttributeNames: { "#position": "position" },
      ExpressionAttributeValues: values,
      ScanIndexForward: from.direction === "down",
      ProjectionExpression: "taskId, #position",
      // The skipped task may be one of them.
      Limit: 2,
    }),
  );
  const neighbour = (Items ?? []).find((item) => item.taskId !== from.skipTaskId);
  return typeof neighbour?.position === "string" ? neighbour.position : null;
}

function endOfColumn(db: Database, userId: string, status: TaskStatus, skipTaskId: string) {
  return neighbourPosition(db, userId, status, { direction: "up", skipTaskId });
}

function completedAtFor(status: TaskStatus, current: TaskItem | undefined, at: string) {
  if (status !== "completed") return undefined;
  return current?.status === "completed" ? current.completedAt : at;
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
    position: newPosition(await endOfColumn(db, userId, status, taskId), null),
    ...(input.noteId && { noteId: input.noteId }),
    ...(status === "completed" && { completedAt: at }),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  if ((await commit(db, undefined, item)) === "done") return { task: toTask(item), created: true };
  // Created by a racing replay of the same request.
  const raced = await existingForCreate(db, userId, taskId, now);
  if (!raced) throw new AppError("conflict", "This task is changing elsewhere; try again.");
  return { task: toTask(raced), created: false };
}

async function existingForCreate(db: Database, userId: string, taskId: string, now: Date) {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Tasks, Key: { userId, taskId }, ConsistentRead: true }),
  );
  const item = Item as TaskItem | undefined;
  if (item && isExpired(item, now)) {
    // Its id belongs to a task deleted for good, whose item TTL has not removed yet.
    throw new AppError("conflict", "This task id was used by a deleted task.", {
      fieldErrors: { taskId: ["This task id was used by a deleted task."] },
    });
  }
  return item;
}

/** A task of this user, trashed or not; undefined when missing or past its trash expiry. */
export async function getTask(
  db: Database,
  userId: string,
  taskId: string,
  now = new Date(),
): Promise<Task | undefined> {
  const item = await readItem(db, userId, taskId, now);
  return item && toTask(item);
}

async function explainLostWrite(db: Database, userId: string, taskId: string, now: Date) {
  const current = await readItem(db, userId, taskId, now);
  if (!current) return notFound();
  return conflict("This task changed elsewhere since you opened it.", current);
}

function assertLive(item: TaskItem): void {
  if (item.deletedAt !== undefined) {
    throw conflict("This task is in the trash; restore it to change it.", item);
  }
}

/**
 * Applies the named fields only, if the task is still at `expectedVersion`; a stale version
 * gets a 409 carrying the current task. A new status puts the task at the end of that column.
 */
export async function updateTask(
  db: Database,
  userId: string,
  taskId: string,
  patch: TaskPatch,
  expectedVersion: number,
  now = new Date(),
): Promise<Task> {
  const item = await readItem(db, userId, taskId, now);
  if (!item) throw notFound();
  assertLive(item);
  if (item.version !== expectedVersion) {
    throw conflict("This task changed elsewhere since you opened it.", item);
  }
  const at = now.toISOString();
  const status = patch.status ?? item.status;
  const next: TaskItem = {
    ...item,
    status,
    updatedAt: at,
    version: item.version + 1,
    completedAt: completedAtFor(status, item, at),
  };
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.details !== undefined) next.details = patch.details || undefined;
  if (patch.priority !== undefined) next.priority = patch.priority;
  if (patch.dueDate !== undefined) next.dueDate = patch.dueDate ?? undefined;
  if (patch.noteId !== undefined) next.noteId = patch.noteId ?? undefined;
  if (status !== item.status) {
    next.position = newPosition(await endOfColumn(db, userId, status, taskId), null);
  }
  if ((await commit(db, item, next)) === "lost") {
    throw await explainLostWrite(db, userId, taskId, now);
  }
  return toTask(next);
}

async function neighbourForMove(
  db: Database,
  userId: string,
  neighbourId: string,
  status: TaskStatus,
  now: Date,
): Promise<TaskItem> {
  const neighbour = await readItem(db, userId, neighbourId, now);
  if (!neighbour || neighbour.deletedAt !== undefined || neighbour.status !== status) {
    throw new AppError("conflict", "The board changed; reload it and try again.");
  }
  return neighbour;
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
    throw new AppError("invalid", "A task cannot be placed next to itself.", {
      [move.afterTaskId === taskId ? "afterTaskId" : "beforeTaskId"]: [
        "A task cannot be placed next to itself.",
      ],
    });
  }
  return retryOnLostRace(async () => {
    const item = await readItem(db, userId, taskId, now);
    if (!item) throw notFound();
    assertLive(item);
    const status = move.status ?? item.status;
    const [above, below] = await Promise.all([
      move.afterTaskId ? neighbourForMove(db, userId, move.afterTaskId, status, now) : undefined,
      move.beforeTaskId ? neighbourForMove(db, userId, move.beforeTaskId, status, now) : undefined,
    ]);
    let low: string | null;
    let high: string | null;
    if (above && below) {
      if (above.position >= below.position) {
        throw new AppError("conflict", "The board changed; reload it and try again.");
      }
      [low, high] = [above.position, below.position];
    } else if (above) {
      low = above.position;
      high = await neighbourPosition(db, userId, status, {
        position: above.position,
        direction: "down",
        skipTaskId: taskId,
      });
    } else if (below) {
      high = below.position;
      low = await neighbourPosition(db, userId, status, {
        position: below.position,
        direction: "up",
        skipTaskId: taskId,
      });
    } else {
      low = await endOfColumn(db, userId, status, taskId);
      high = null;
    }
    const at = now.toISOString();
    const next: TaskItem = {
      ...item,
      status,
      position: newPosition(low, high),
      completedAt: completedAtFor(status, item, at),
      updatedAt: at,
      version: item.version + 1,
    };
    const lost = (await commit(db, item, next)) === "lost";
    return { result: toTask(next), lost };
  });
}

/** Moves a task to the trash for 30 days. Trashing a trashed task is a no-op (safe to replay). */
export function trashTask(db: Database, userId: string, taskId: string, now = new Date()) {
  return retryOnLostRace(async () => {
    const item = await readItem(db, userId, taskId, now);
    if (!item) throw notFound();
    if (item.deletedAt !== undefined) return { result: toTask(item), lost: false };
    const next: TaskItem = {
      ...item,
      deletedAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + trashDays * 86_400,
      updatedAt: now.toISOString(),
      version: item.version + 1,
    };
    const lost = (await commit(db, item, next)) === "lost";
    return { result: toTask(next), lost };
  });
}

/** Brings a trashed task back to its place. Restoring a live task is a no-op (safe to replay). */
export function restoreTask(db: Database, userId: string, taskId: string, now = new Date()) {
  return retryOnLostRace(async () => {
    const item = await readItem(db, userId, taskId, now);
    if (!item) throw notFound();
    if (item.deletedAt === undefined) return { result: toTask(item), lost: false };
    const { deletedAt: _deletedAt, expiresAt: _expiresAt, ...rest } = item;
    const next: TaskItem = { ...rest, updatedAt: now.toISOString(), version: item.version + 1 };
    const lost = (await commit(db, item, next)) === "lost";
    return { result: toTask(next), lost };
  });
}

/** Deletes a trashed task for good; a live task must go to the trash first. */
export function deleteTrashedTask(
  db: Database,
  userId: string,
  taskId: string,
  now = new Date(),
): Promise<void> {
  return retryOnLostRace(async () => {
    const item = await readItem(db, userId, taskId, now);
    if (!item) throw notFound();
    if (item.deletedAt === undefined) {
      throw conflict("Only tasks in the trash can be deleted for good.", item);
    }
    const lost = (await commit(db, item, undefined)) === "lost";
    return { result: undefined, lost };
  });
}

export interface TaskListOptions {
  readonly cursor?: string;
  readonly limit?: number;
  readonly now?: Date;
}

const maxQueryRounds = 10;

/**
 * One page of a Query, filtered or not. Reads one item past the page to know whether another
 * page exists; the cursor is then the key of the last item returned, so pages never skip or
 * repeat. A filter that drops most items stops after a few rounds with a short page and the
 * key where reading stopped.
 */
async function queryPage(
  db: Database,
  input: QueryCommandInput,
  limit: number,
  kind: string,
  keyOf: (item: Record<string, unknown>) => PageKey,
): Promise<TaskPage> {
  const items: Record<string, unknown>[] = [];
  let startKey = input.ExclusiveStartKey;
  for (let round = 0; round < maxQueryRounds; round++) {
    const page = await db.client.send(
      new QueryCommand({ ...input, ExclusiveStartKey: startKey, Limit: limit + 1 }),
    );
    for (const item of page.Items ?? []) {
      if (items.length === limit) {
        return {
          items: items.map((found) => toCard(found as unknown as TaskItem)),
          nextCursor: encodeCursor(kind, keyOf(items[items.length - 1] as Record<string, unknown>)),
        };
      }
      items.push(item);
    }
    startKey = page.LastEvaluatedKey;
    if (!startKey) break;
  }
  return {
    items: items.map((found) => toCard(found as unknown as TaskItem)),
    ...(startKey && { nextCursor: encodeCursor(kind, startKey) }),
  };
}

function pageSize(options: TaskListOptions): number {
  return Math.min(Math.max(options.limit ?? taskLimits.pageSize, 1), taskLimits.maxPageSize);
}

function invalidCursor(): AppError {
  return new AppError("invalid", "That page cursor is not valid.", {
    fieldErrors: { cursor: ["That page cursor is not valid."] },
  });
}

/** One board column, ordered by position, from the ByStatus index. */
export async function listColumn(
  db: Database,
  userId: string,
  status: TaskStatus,
  options: TaskListOptions = {},
): Promise<TaskPage> {
  const statusKey = statusKeyOf(userId, status);
  return queryPage(
    db,
    {
      TableName: db.tables.Tasks,
      IndexName: "ByStatus",
      KeyConditionExpression: "statusKey = :statusKey",
      ExpressionAttributeValues: { ":statusKey": statusKey },
      ExclusiveStartKey: decodeCursor(options.cursor, {
        kind: "tasks:column",
        attributes: ["statusKey", "position", "userId", "taskId"],
        owner: { userId, statusKey },
      }),
    },
    pageSize(options),
    "tasks:column",
    (item) => ({
      statusKey,
      position: String(item.position),
      userId,
      taskId: String(item.taskId),
    }),
  );
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * Open tasks by due date, soonest first, from the ByDue index: `overdue` is before `today`,
 * `week` is `today` and the six days after. `today` defaults to the UTC date.
 */
export async function listDueTasks(
  db: Database,
  userId: string,
  due: DueFilter,
  options: TaskListOptions & { readonly today?: string; readonly status?: TaskStatus } = {},
): Promise<TaskPage> {
  const today = options.today ?? (options.now ?? new Date()).toISOString().slice(0, 10);
  // dueKey is `<date>#<taskId>`, so a bare date sorts before every key of that day.
  const [from, to] = due === "overdue" ? ["", today] : [today, addDays(today, 7)];
  const startKey = decodeCursor(options.cursor, {
    kind: `tasks:${due}`,
    attributes: ["userId", "dueKey", "taskId"],
    owner: { userId },
  });
  const startDue = startKey?.dueKey;
  if (startDue !== undefined && !(startDue >= from && startDue < to)) throw invalidCursor();
  return queryPage(
    db,
    {
      TableName: db.tables.Tasks,
      IndexName: "ByDue",
      KeyConditionExpression:
        due === "overdue"
          ? "userId = :userId AND dueKey < :to"
          : "userId = :userId AND dueKey BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":userId": userId,
        ":to": to,
        ...(due === "week" && { ":from": from }),
        ...(options.status && { ":status": options.status }),
      },
      ...(options.status && {
        FilterExpression: "#status = :status",
        ExpressionAttributeNames: { "#status": "status" },
      }),
      ExclusiveStartKey: startKey,
    },
    pageSize(options),
    `tasks:${due}`,
    (item) => ({ userId, dueKey: String(item.dueKey), taskId: String(item.taskId) }),
  );
}

/**
 * The user's tasks newest first (by id) from their partition of the table: the live ones, or
 * with `trash` the trashed ones not yet past their expiry.
 */
export async function listTasks(
  db: Database,
  userId: string,
  options: TaskListOptions & { readonly trash?: boolean } = {},
): Promise<TaskPage> {
  const now = options.now ?? new Date();
  return queryPage(
    db,
    {
      TableName: db.tables.Tasks,
      KeyConditionExpression: "userId = :userId",
      FilterExpression: options.trash
        ? "attribute_exists(deletedAt) AND expiresAt > :now"
        : "attribute_not_exists(deletedAt)",
      ExpressionAttributeValues: {
        ":userId": userId,
        ...(options.trash && { ":now": Math.floor(now.getTime() / 1000) }),
      },
      ProjectionExpression: cardProjection.ProjectionExpression,
      ExpressionAttributeNames: cardProjection.names,
      ScanIndexForward: false,
      ExclusiveStartKey: decodeCursor(options.cursor, {
        kind: options.trash ? "tasks:trash" : "tasks:live",
        attributes: ["userId", "taskId"],
        owner: { userId },
      }),
    },
    pageSize(options),
    options.trash ? "tasks:trash" : "tasks:live",
    (item) => ({ userId, taskId: String(item.taskId) }),
  );
}

/**
 * The live tasks that link to a note, newest first. Reads the user's partition filtered on
 * `noteId`: its cost grows with the user's own tasks only.
 */
export async function listTasksLinkedToNote(
  db: Database,
  userId: string,
  noteId: string,
): Promise<TaskCard[]> {
  const cards: TaskCard[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tables.Tasks,
        KeyConditionExpression: "userId = :userId",
        FilterExpression: "noteId = :noteId AND attribute_not_exists(deletedAt)",
        ExpressionAttributeValues: { ":userId": userId, ":noteId": noteId },
        ProjectionExpression: cardProjection.ProjectionExpression,
        ExpressionAttributeNames: cardProjection.names,
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
      }),
    );
    cards.push(...(page.Items ?? []).map((item) => toCard(item as TaskItem)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return cards;
}

/** Every task id of a user, trashed or not (for account deletion). */
export async function listAllTaskIds(db: Database, userId: string): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tables.Tasks,
        KeyConditionExpression: "userId = :userId",
        ExpressionAttributeValues: { ":userId": userId },
        ProjectionExpression: "taskId",
        ExclusiveStartKey: startKey,
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => String(item.taskId)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return ids;
}

/** Removes every task item of a user and zeroes their task counters (account deletion). */
export async function deleteAllTasks(db: Database, userId: string): Promise<void> {
  const ids = await listAllTaskIds(db, userId);
  await deleteKeys(
    db,
    db.tables.Tasks,
    ids.map((taskId) => ({ userId, taskId })),
  );
  // An interrupted account deletion leaves the account usable: its counts must then say zero.
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tables.Users,
        Key: { userId },
        UpdateExpression:
          "SET todoCount = :zero, inProgressCount = :zero, completedCount = :zero, trashedTaskCount = :zero",
        ConditionExpression: "kind = :user",
        ExpressionAttributeValues: { ":zero": 0, ":user": "user" },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
