import "server-only";
import { isExpired, readRecord } from "@/lib/db/records";
import type { Database } from "@/lib/db/runtime";
import { taskCardAttributes } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { TaskPriority, TaskStatus } from "@/lib/tasks/schemas";
import type { Task, TaskCard } from "@/lib/tasks/types";

/** A task as stored: absent attributes are missing, index keys derived from the rest. */
export interface TaskItem {
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

export function statusKeyOf(userId: string, status: TaskStatus): string {
  return `${userId}#${status}`;
}

/** The index keys follow from the rest: on the board unless trashed, by due date while open. */
export function withDerivedKeys(item: TaskItem): TaskItem {
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

// The card attributes the indexes project, plus the keys and the trash mark.
const cardAttributes = ["userId", "taskId", ...taskCardAttributes, "deletedAt"] as const;

/** A ProjectionExpression for cards, with placeholders since `status` is a reserved word. */
export const cardProjection = {
  ProjectionExpression: cardAttributes.map((_, index) => `#p${index}`).join(", "),
  ExpressionAttributeNames: Object.fromEntries(
    cardAttributes.map((name, index) => [`#p${index}`, name]),
  ),
};

export function toCard(item: Omit<TaskItem, "details">): TaskCard {
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

export function toTask(item: TaskItem): Task {
  return { ...toCard(item), details: item.details ?? "" };
}

export function taskConflict(message: string, current: TaskItem): AppError {
  return new AppError("conflict", message, { details: { current: toTask(current) } });
}

/** The stored task, expired or not (a create must know its id was used). */
export function readTaskItem(db: Database, userId: string, taskId: string) {
  return readRecord<TaskItem>(db, db.tables.Tasks, { userId, taskId });
}

/** The task, trashed or not; undefined when missing or past its trash expiry. */
export async function readTask(
  db: Database,
  userId: string,
  taskId: string,
  now: Date,
): Promise<TaskItem | undefined> {
  const item = await readTaskItem(db, userId, taskId);
  return item && !isExpired(item, now) ? item : undefined;
}
