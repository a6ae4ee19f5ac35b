import "server-only";
import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { decodeCursor, type PageKey } from "@/lib/db/cursor";
import { queryPage, walkPartition } from "@/lib/db/paging";
import type { Database } from "@/lib/db/runtime";
import {
  cardProjection,
  readTask,
  statusKeyOf,
  type TaskItem,
  toCard,
  toTask,
} from "@/lib/db/tasks/mapping";
import { AppError } from "@/lib/errors";
import { type DueFilter, type TaskStatus, taskLimits } from "@/lib/tasks/schemas";
import type { Task, TaskCard, TaskPage } from "@/lib/tasks/types";

/** A task of this user, trashed or not; undefined when missing or past its trash expiry. */
export async function getTask(
  db: Database,
  userId: string,
  taskId: string,
  now = new Date(),
): Promise<Task | undefined> {
  const item = await readTask(db, userId, taskId, now);
  return item && toTask(item);
}

export interface TaskListOptions {
  readonly cursor?: string;
  readonly limit?: number;
  readonly now?: Date;
}

function pageSize(options: TaskListOptions): number {
  return Math.min(Math.max(options.limit ?? taskLimits.pageSize, 1), taskLimits.maxPageSize);
}

function taskPage(
  db: Database,
  input: QueryCommandInput,
  options: TaskListOptions,
  kind: string,
  keyOf: (item: Record<string, unknown>) => PageKey,
): Promise<TaskPage> {
  return queryPage(db, {
    input,
    limit: pageSize(options),
    kind,
    keyOf,
    map: (item) => toCard(item as unknown as TaskItem),
  });
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
  return taskPage(
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
    options,
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
  return taskPage(
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
    options,
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
  const kind = options.trash ? "tasks:trash" : "tasks:live";
  return taskPage(
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
      ...cardProjection,
      ScanIndexForward: false,
      ExclusiveStartKey: decodeCursor(options.cursor, {
        kind,
        attributes: ["userId", "taskId"],
        owner: { userId },
      }),
    },
    options,
    kind,
    (item) => ({ userId, taskId: String(item.taskId) }),
  );
}

/**
 * The live tasks that link to a note, newest first. Walks the user's partition filtered on
 * `noteId`: its cost grows with the user's own tasks only.
 */
export async function listTasksLinkedToNote(
  db: Database,
  userId: string,
  noteId: string,
): Promise<TaskCard[]> {
  const items = await walkPartition(db, {
    TableName: db.tables.Tasks,
    KeyConditionExpression: "userId = :userId",
    FilterExpression: "noteId = :noteId AND attribute_not_exists(deletedAt)",
    ExpressionAttributeValues: { ":userId": userId, ":noteId": noteId },
    ...cardProjection,
    ScanIndexForward: false,
  });
  return items.map((item) => toCard(item as unknown as TaskItem));
}
