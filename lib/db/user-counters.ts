import "server-only";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "@/lib/db/conditions";
import type { Database } from "@/lib/db/runtime";
import type { WriteItem } from "@/lib/db/transact";
import { AppError } from "@/lib/errors";
import type { TaskStatus } from "@/lib/tasks/schemas";

/**
 * The counts kept on the user item, each changed in the same transaction as the note or task
 * write it follows (see `writeRecord`), so they always equal the items.
 */
export const userCounters = [
  "noteCount",
  "trashedNoteCount",
  "todoCount",
  "inProgressCount",
  "completedCount",
  "trashedTaskCount",
] as const;
export type UserCounter = (typeof userCounters)[number];

export const taskCounters = [
  "todoCount",
  "inProgressCount",
  "completedCount",
  "trashedTaskCount",
] as const satisfies readonly UserCounter[];

/** The counter a task adds to: its board column, or the trash. */
export function taskCounterOf(task: { status: TaskStatus; deletedAt?: string }): UserCounter {
  if (task.deletedAt !== undefined) return "trashedTaskCount";
  const byStatus = {
    todo: "todoCount",
    "in-progress": "inProgressCount",
    completed: "completedCount",
  } as const;
  return byStatus[task.status];
}

/** The counter a note adds to: the live notes, or the trash. */
export function noteCounterOf(note: { deletedAt?: string }): UserCounter {
  return note.deletedAt !== undefined ? "trashedNoteCount" : "noteCount";
}

/** The counts as the app sees them on a `User`. */
export interface UserCounts {
  readonly notes: number;
  readonly trashedNotes: number;
  readonly tasks: {
    readonly todo: number;
    readonly inProgress: number;
    readonly completed: number;
  };
  readonly trashedTasks: number;
}

/** The counts of a user item; a counter never written counts 0. */
export function countsOf(item: Partial<Record<UserCounter, number>>): UserCounts {
  return {
    notes: item.noteCount ?? 0,
    trashedNotes: item.trashedNoteCount ?? 0,
    tasks: {
      todo: item.todoCount ?? 0,
      inProgress: item.inProgressCount ?? 0,
      completed: item.completedCount ?? 0,
    },
    trashedTasks: item.trashedTaskCount ?? 0,
  };
}

/** Every counter at zero, as a new account starts. */
export function zeroCounts(): Record<UserCounter, number> {
  return Object.fromEntries(userCounters.map((name) => [name, 0])) as Record<UserCounter, number>;
}

/**
 * What one write changes on the counters: -1 where the record was counted before, +1 where it
 * counts after (either may be absent: a create, a delete). Changes that cancel out are dropped.
 */
export function counterMoves(before: UserCounter | undefined, after: UserCounter | undefined) {
  const changes: Partial<Record<UserCounter, number>> = {};
  if (before) changes[before] = (changes[before] ?? 0) - 1;
  if (after) changes[after] = (changes[after] ?? 0) + 1;
  return Object.fromEntries(
    Object.entries(changes).filter(([, change]) => change !== 0),
  ) as Partial<Record<UserCounter, number>>;
}

export interface CounterChange {
  readonly changes: Partial<Record<UserCounter, number>>;
  /** A counter that must stay under `limit` (checked before this change is added). */
  readonly cap?: { readonly counter: UserCounter; readonly limit: number; readonly what: string };
}

/** The transaction item that applies `change` to the user's item; undefined if it changes nothing. */
export function counterUpdate(
  db: Database,
  userId: string,
  change: CounterChange,
): WriteItem | undefined {
  const entries = Object.entries(change.changes).filter(([, value]) => value !== 0);
  if (entries.length === 0) return undefined;
  const { cap } = change;
  return {
    Update: {
      TableName: db.tables.Users,
      Key: { userId },
      UpdateExpression: `ADD ${entries.map(([name], index) => `${name} :c${index}`).join(", ")}`,
      ConditionExpression: cap
        ? `kind = :user AND (attribute_not_exists(${cap.counter}) OR ${cap.counter} < :cap)`
        : "kind = :user",
      ExpressionAttributeValues: {
        ...Object.fromEntries(entries.map(([, value], index) => [`:c${index}`, value])),
        ":user": "user",
        ...(cap && { ":cap": cap.limit }),
      },
    },
  };
}

/** Why the user item refused a counter change: the account is gone, or the capped counter is full. */
export async function counterRefusal(
  db: Database,
  userId: string,
  change: CounterChange,
): Promise<AppError | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Users, Key: { userId }, ConsistentRead: true }),
  );
  if (Item?.kind !== "user") return new AppError("not_found", "This account no longer exists.");
  const { cap } = change;
  if (!cap || !(Number(Item[cap.counter] ?? 0) >= cap.limit)) return undefined;
  return new AppError(
    "too_large",
    `An account holds at most ${cap.limit.toLocaleString("en")} ${cap.what}; delete some to make room.`,
  );
}

/** Sets the named counters to zero, if the account still exists (account deletion). */
export async function zeroUserCounters(
  db: Database,
  userId: string,
  counters: readonly UserCounter[],
): Promise<void> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tables.Users,
        Key: { userId },
        UpdateExpression: `SET ${counters.map((name) => `${name} = :zero`).join(", ")}`,
        ConditionExpression: "kind = :user",
        ExpressionAttributeValues: { ":zero": 0, ":user": "user" },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
