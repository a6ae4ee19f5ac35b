import "server-only";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { accountGone, appendChange } from "@/lib/db/changes/feed";
import type { Database } from "@/lib/db/runtime";
import { type again, lostRace, type WriteItem, withRetries } from "@/lib/db/transact";
import type { CounterChange } from "@/lib/db/user-counters";
import { AppError } from "@/lib/errors";
import { trashExpiry } from "@/lib/trash";

/**
 * What notes and tasks share in storage: reading one consistently, their trash expiry (a TTL
 * attribute that DynamoDB honours within days, so reads check it too), and the one write path.
 */
export type RecordKind = "note" | "task";

export function notFound(kind: RecordKind): AppError {
  return new AppError("not_found", `This ${kind} does not exist.`);
}

/** Past its trash expiry: as good as deleted, even before TTL removes the item. */
export function isExpired(item: { expiresAt?: number }, now: Date): boolean {
  return item.expiresAt !== undefined && item.expiresAt * 1000 <= now.getTime();
}

/** The TTL attribute (epoch seconds) of a record trashed at `now`. */
export function expiresAtFor(now: Date): number {
  return Math.floor(trashExpiry(now).getTime() / 1000);
}

export async function readRecord<T>(
  db: Database,
  tableName: string,
  key: Record<string, string>,
): Promise<T | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return Item as T | undefined;
}

export interface RecordWrite {
  /** What changed, with `userId` and the item's key: what the change record says. */
  readonly kind: RecordKind;
  readonly userId: string;
  /** The record's own Put, Update or Delete, conditional on what the writer read. */
  readonly item: WriteItem;
  /** Counter changes on the user item, committed with the record or not at all. */
  readonly counters?: CounterChange;
}

/** The note's or task's id, from the key (Update, Delete) or the item (Put) the write names. */
function recordIdOf(write: RecordWrite): string {
  const name = write.kind === "note" ? "noteId" : "taskId";
  const key = write.item.Put?.Item ?? write.item.Update?.Key ?? write.item.Delete?.Key ?? {};
  const id = key[name];
  if (typeof id !== "string") throw new Error(`A ${write.kind} write must name its ${name}`);
  return id;
}

/**
 * THE write path of every note and task change: the record's item, its counter changes and its
 * entry in the change feed (lib/db/changes/feed.ts) go to DynamoDB together, here and nowhere
 * else. Costs one consistent GetItem of the user item (for `feedSeq`) and one transaction.
 *
 * Returns `"lost"` when the record's own condition failed (a racing write won; nothing was
 * written). A refused counter change throws: the account is gone, or a capped counter is full.
 */
export async function writeRecord(db: Database, write: RecordWrite): Promise<"done" | "lost"> {
  const outcome = await appendChange(db, {
    kind: write.kind,
    userId: write.userId,
    recordId: recordIdOf(write),
    item: write.item,
    ...(write.counters && { counters: write.counters }),
  });
  if (outcome === "gone") throw accountGone();
  return outcome;
}

/**
 * Read-check-write under the retry policy: `attempt` reads the record, decides, and writes
 * conditionally on what it read; it returns `again` when that write lost to a racing one.
 */
export function retryLostRaces<T>(attempt: () => Promise<T | typeof again>): Promise<T> {
  return withRetries(attempt, lostRace);
}
