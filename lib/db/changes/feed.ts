import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "@/lib/db/runtime";
import { again, backoffDelayMs, lostRace, transact, type WriteItem } from "@/lib/db/transact";
import { type CounterChange, counterRefusal, counterUpdate } from "@/lib/db/user-counters";
import { AppError } from "@/lib/errors";

/**
 * The change feed's write side (issue 13): every committed change of a note or task appends one
 * small item to the Changes table, in the same transaction, numbered by the user item's
 * `feedSeq`. The transaction moves `feedSeq` from the value read to the next one under a
 * condition, so two changes of one user can never commit with the same number or out of order:
 * a strongly consistent Query of `seq > cursor` never skips a change that later commits below
 * what it returned. (No "server-only": the TTL stream handler records expiries through here.)
 */
export type ChangeKind = "note" | "task";

/** How long a change is kept (TTL); cursors older than `changeRetentionSeconds` start over. */
export const changeTtlSeconds = 30 * 24 * 60 * 60;

export interface ChangeToAppend {
  readonly kind: ChangeKind;
  readonly userId: string;
  /** The note's or task's id. */
  readonly recordId: string;
  /** The record's own Put, Update or Delete, if the change is not already done (TTL expiry). */
  readonly item?: WriteItem;
  /** Counter changes on the user item, committed with the record or not at all. */
  readonly counters?: CounterChange;
  readonly now?: Date;
}

/** The user's last change number (absent, a user from before the feed, means 0); consistent. */
export async function readFeedSeq(
  db: Database,
  userId: string,
): Promise<{ exists: boolean; feedSeq: number }> {
  const { Item } = await db.client.send(
    new GetCommand({
      TableName: db.tables.Users,
      Key: { userId },
      ConsistentRead: true,
      ProjectionExpression: "kind, feedSeq",
    }),
  );
  return { exists: Item?.kind === "user", feedSeq: Number(Item?.feedSeq ?? 0) };
}

/**
 * ONE Update of the user item (a transaction may touch an item only once): the counter moves,
 * if any, and `feedSeq` from `seen` to `seen + 1`, conditional on both.
 */
function userItemUpdate(
  db: Database,
  userId: string,
  seen: number,
  counters: CounterChange | undefined,
): WriteItem {
  const counted = counters && counterUpdate(db, userId, counters)?.Update;
  const values = counted?.ExpressionAttributeValues ?? { ":user": "user" };
  return {
    Update: {
      TableName: db.tables.Users,
      Key: { userId },
      UpdateExpression: `SET feedSeq = :nextSeq${counted ? ` ${counted.UpdateExpression}` : ""}`,
      ConditionExpression: `(${counted?.ConditionExpression ?? "kind = :user"}) AND ${
        seen === 0 ? "attribute_not_exists(feedSeq)" : "feedSeq = :seenSeq"
      }`,
      ExpressionAttributeValues: {
        ...values,
        ":nextSeq": seen + 1,
        ...(seen > 0 && { ":seenSeq": seen }),
      },
    },
  };
}

function changeItem(db: Database, change: ChangeToAppend, seq: number, now: Date): WriteItem {
  return {
    Put: {
      TableName: db.tables.Changes,
      Item: {
        userId: change.userId,
        seq,
        kind: change.kind,
        recordId: change.recordId,
        changedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + changeTtlSeconds,
      },
    },
  };
}

/** A write for an account that no longer exists (deleted meanwhile). */
export function accountGone(): AppError {
  return new AppError("not_found", "This account no longer exists.");
}

/**
 * Attempts at taking the next `feedSeq` before giving up with `lostRace()`. More than the
 * general policy: every change of a user moves the same number, so a burst of writes from
 * several processes (devices replaying outboxes) contends on it, not on one record.
 */
export const feedAttempts = 24;

// One queue per document client and user: this process's writes of one user take their turn
// instead of racing each other for `feedSeq` (and burning retries); other processes still race,
// and the condition settles that.
const queues = new WeakMap<object, Map<string, Promise<void>>>();

function inTurn<T>(db: Database, userId: string, run: () => Promise<T>): Promise<T> {
  let byUser = queues.get(db.client);
  if (!byUser) {
    byUser = new Map();
    queues.set(db.client, byUser);
  }
  const users = byUser;
  const result = (users.get(userId) ?? Promise.resolve()).then(run);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  users.set(userId, tail);
  void tail.then(() => {
    if (users.get(userId) === tail) users.delete(userId);
  });
  return result;
}

/**
 * Commits the record's write (if any), the user item's update and the change item together.
 * Returns `"lost"` when the record's own condition failed (a racing write won; nothing was
 * written) and `"gone"` when the account no longer exists (then nothing was written either).
 * A `feedSeq` taken by a concurrent change of the same user re-reads and tries again, up to
 * `feedAttempts` times; a refused counter change (capped counter full) throws.
 */
export function appendChange(
  db: Database,
  change: ChangeToAppend,
): Promise<"done" | "lost" | "gone"> {
  return inTurn(db, change.userId, async () => {
    for (let round = 0; round < feedAttempts; round++) {
      if (round > 0) {
        await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(Math.min(round, 6))));
      }
      const outcome = await attemptAppend(db, change);
      if (outcome !== again) return outcome;
    }
    throw lostRace();
  });
}

async function attemptAppend(
  db: Database,
  change: ChangeToAppend,
): Promise<"done" | "lost" | "gone" | typeof again> {
  const now = change.now ?? new Date();
  const { exists, feedSeq } = await readFeedSeq(db, change.userId);
  if (!exists) return "gone";
  const items = [
    ...(change.item ? [change.item] : []),
    userItemUpdate(db, change.userId, feedSeq, change.counters),
    changeItem(db, change, feedSeq + 1, now),
  ];
  const outcome = await transact(db, items);
  if (outcome.committed) return "done";
  if (change.item && outcome.failed[0]) return "lost";
  // The user item refused: the account went, a capped counter is full, or (most often) a
  // concurrent change of this user took `feedSeq + 1` first: read the new one and go again.
  const refusal = await counterRefusal(db, change.userId, change.counters ?? { changes: {} });
  if (refusal?.code === "not_found") return "gone";
  if (refusal) throw refusal;
  return again;
}

/**
 * Records a change that already happened without the app (TTL removed the record): a tombstone
 * in the feed, numbered like any other change. Nothing to record for an account that is gone.
 */
export async function recordChange(
  db: Database,
  change: Pick<ChangeToAppend, "kind" | "userId" | "recordId" | "now">,
): Promise<void> {
  await appendChange(db, change);
}
