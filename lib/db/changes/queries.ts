import "server-only";
import { BatchGetCommand, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ChangeKind } from "@/lib/db/changes/feed";
import type { NoteItem } from "@/lib/db/notes/mapping";
import type { Database } from "@/lib/db/runtime";
import type { TaskItem } from "@/lib/db/tasks/mapping";
import { again, withRetries } from "@/lib/db/transact";
import { userCounters } from "@/lib/db/user-counters";
import { AppError } from "@/lib/errors";

/**
 * The change feed's read side: the feed's head on the user item, runs of changes, the records
 * they name, and the library in pages for a snapshot. Every read is strongly consistent: the
 * feed's promise (no change skipped) rests on reading what committed before the read.
 */

export interface ChangeEntry {
  readonly seq: number;
  readonly kind: ChangeKind;
  readonly recordId: string;
}

export interface FeedHead {
  readonly exists: boolean;
  /** The last change's number; 0 before the first. */
  readonly feedSeq: number;
  /** Notes and tasks, live and trashed, as the user's counters say. */
  readonly records: number;
}

export async function readFeedHead(db: Database, userId: string): Promise<FeedHead> {
  const { Item } = await db.client.send(
    new GetCommand({
      TableName: db.tables.Users,
      Key: { userId },
      ConsistentRead: true,
      ProjectionExpression: ["kind", "feedSeq", ...userCounters].join(", "),
    }),
  );
  return {
    exists: Item?.kind === "user",
    feedSeq: Number(Item?.feedSeq ?? 0),
    records: userCounters.reduce((sum, name) => sum + Number(Item?.[name] ?? 0), 0),
  };
}

/**
 * Up to `limit` changes from `fromSeq` on, that one included (so an empty feed after a cursor
 * still reads the cursor's own change: one request tells "nothing new" from "not this feed").
 * One Query; its cost grows with the changes read, never with the library.
 */
export async function readChanges(
  db: Database,
  userId: string,
  fromSeq: number,
  limit: number,
): Promise<ChangeEntry[]> {
  const { Items } = await db.client.send(
    new QueryCommand({
      TableName: db.tables.Changes,
      KeyConditionExpression: "userId = :userId AND #seq >= :from",
      ExpressionAttributeNames: { "#seq": "seq", "#kind": "kind", "#recordId": "recordId" },
      ExpressionAttributeValues: { ":userId": userId, ":from": fromSeq },
      ProjectionExpression: "#seq, #kind, #recordId",
      ConsistentRead: true,
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => ({
    seq: Number(item.seq),
    kind: item.kind === "task" ? "task" : "note",
    recordId: String(item.recordId),
  }));
}

/** DynamoDB kept leaving part of a batch unprocessed (throttling): try again later. */
function throttled(): AppError {
  return new AppError("unavailable", "Jotboard's storage is busy right now; pull again shortly.", {
    retryAfterSeconds: 1,
  });
}

export interface RecordsById {
  readonly notes: Map<string, NoteItem>;
  readonly tasks: Map<string, TaskItem>;
}

/**
 * The named notes and tasks as they are now (consistent BatchGets of up to 100 keys); a record
 * that is gone is absent from the maps.
 */
export async function readRecords(
  db: Database,
  userId: string,
  ids: { readonly notes: readonly string[]; readonly tasks: readonly string[] },
): Promise<RecordsById> {
  const found: RecordsById = { notes: new Map(), tasks: new Map() };
  const keys: { table: string; key: Record<string, string> }[] = [
    ...ids.notes.map((noteId) => ({ table: db.tables.Notes, key: { userId, noteId } })),
    ...ids.tasks.map((taskId) => ({ table: db.tables.Tasks, key: { userId, taskId } })),
  ];
  for (let start = 0; start < keys.length; start += 100) {
    let pending = keys.slice(start, start + 100);
    await withRetries(async () => {
      const requestItems: Record<string, { Keys: Record<string, string>[]; ConsistentRead: true }> =
        {};
      for (const { table, key } of pending) {
        requestItems[table] ??= { Keys: [], ConsistentRead: true };
        requestItems[table].Keys.push(key);
      }
      const { Responses, UnprocessedKeys } = await db.client.send(
        new BatchGetCommand({ RequestItems: requestItems }),
      );
      for (const item of Responses?.[db.tables.Notes] ?? []) {
        found.notes.set(String(item.noteId), item as NoteItem);
      }
      for (const item of Responses?.[db.tables.Tasks] ?? []) {
        found.tasks.set(String(item.taskId), item as TaskItem);
      }
      pending = Object.entries(UnprocessedKeys ?? {}).flatMap(([table, unprocessed]) =>
        (unprocessed.Keys ?? []).map((key) => ({ table, key: key as Record<string, string> })),
      );
      return pending.length > 0 ? again : undefined;
    }, throttled);
  }
  return found;
}

export interface RecordRun<T> {
  readonly items: T[];
  /** The id to continue after, or undefined when the table's end was reached. */
  readonly last?: string;
}

// Everything a Note is made of; the derived list and search attributes stay behind.
const noteAttributes = [
  "userId",
  "noteId",
  "title",
  "content",
  "pinned",
  "tags",
  "attachments",
  "remoteImages",
  "createdAt",
  "updatedAt",
  "version",
  "deletedAt",
  "expiresAt",
];

/**
 * One Query of a user's notes or tasks on the base table, in id order after `after`: full
 * records, trashed ones included (at most `limit` when given, and at most DynamoDB's 1 MB a
 * Query reads: without a limit, exactly what a plain Query of every item reads).
 */
export async function readRecordRun<K extends ChangeKind>(
  db: Database,
  userId: string,
  kind: K,
  after: string | undefined,
  limit?: number,
): Promise<RecordRun<K extends "note" ? NoteItem : TaskItem>> {
  const idName = kind === "note" ? "noteId" : "taskId";
  const { Items, LastEvaluatedKey } = await db.client.send(
    new QueryCommand({
      TableName: kind === "note" ? db.tables.Notes : db.tables.Tasks,
      KeyConditionExpression: "userId = :userId",
      ExpressionAttributeValues: { ":userId": userId },
      ...(kind === "note" && {
        ProjectionExpression: noteAttributes.map((_, index) => `#a${index}`).join(", "),
        ExpressionAttributeNames: Object.fromEntries(
          noteAttributes.map((name, index) => [`#a${index}`, name]),
        ),
      }),
      ...(after !== undefined && { ExclusiveStartKey: { userId, [idName]: after } }),
      ConsistentRead: true,
      ...(limit !== undefined && { Limit: limit }),
    }),
  );
  const last = LastEvaluatedKey?.[idName];
  return {
    items: (Items ?? []) as (K extends "note" ? NoteItem : TaskItem)[],
    ...(typeof last === "string" && { last }),
  };
}
