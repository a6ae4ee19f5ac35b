import "server-only";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "@/lib/db/conditions";
import type { Database } from "@/lib/db/runtime";
import { AppError } from "@/lib/errors";

/** One Put, Update, Delete or ConditionCheck of a TransactWriteItems request. */
export type WriteItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * The one retry policy of the data layer: optimistic writes that lost a race, transactions
 * cancelled by a concurrent one, batches DynamoDB left partly unprocessed. Up to 8 attempts,
 * with full-jitter exponential backoff between them (25 ms doubling, at most 1 s), so racing
 * writers spread out instead of colliding again in step.
 */
export const retryPolicy = { attempts: 8, firstDelayMs: 25, maxDelayMs: 1_000 } as const;

/** Returned by an attempt that should run again. */
export const again: unique symbol = Symbol("again");

export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(retryPolicy.maxDelayMs, retryPolicy.firstDelayMs * 2 ** (attempt - 1));
  return random() * ceiling;
}

/** Runs `attempt` until it returns something other than `again`, under `retryPolicy`. */
export async function withRetries<T>(
  attempt: (round: number) => Promise<T | typeof again>,
  exhausted: () => Error,
): Promise<T> {
  for (let round = 0; round < retryPolicy.attempts; round++) {
    if (round > 0) {
      await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(round)));
    }
    const result = await attempt(round);
    if (result !== again) return result;
  }
  throw exhausted();
}

/**
 * The one answer to a race lost `retryPolicy.attempts` times in a row: a 409 that says nothing
 * was written, so the caller can reload or send the same change again.
 */
export function lostRace(): AppError {
  return new AppError(
    "conflict",
    "Other changes got there first, again and again; nothing was changed. Try again.",
  );
}

/** DynamoDB cancelled a transaction because another one touched the same item meanwhile. */
function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "TransactionConflictException") return true;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (
    error.name === "TransactionCanceledException" &&
    (reasons ?? []).some((reason) => reason.Code === "TransactionConflict")
  );
}

/** Which items of a cancelled transaction failed their condition, by position; undefined if none. */
function failedConditions(error: unknown): boolean[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const failed = (error.CancellationReasons ?? []).map(
    (reason) => reason.Code === "ConditionalCheckFailed",
  );
  return failed.some(Boolean) ? failed : undefined;
}

/** The outcome of `transact`: committed, or refused by the conditions marked `true`. */
export type TransactOutcome =
  | { readonly committed: true }
  | { readonly committed: false; readonly failed: readonly boolean[] };

async function sendOne(db: Database, item: WriteItem): Promise<void> {
  if (item.Put) await db.client.send(new PutCommand(item.Put));
  else if (item.Update) await db.client.send(new UpdateCommand(item.Update));
  else if (item.Delete) await db.client.send(new DeleteCommand(item.Delete));
  else throw new Error("A lone condition check writes nothing.");
}

/**
 * Writes the items all or nothing. A single item goes as a plain conditional write (half the
 * cost of a transaction); more go as one TransactWriteItems. A failed condition is an answer,
 * returned by position for the caller to explain; a transaction cancelled by a concurrent one
 * is not, and is retried under `retryPolicy` until it ends in `lostRace()`.
 */
export async function transact(
  db: Database,
  items: readonly WriteItem[],
): Promise<TransactOutcome> {
  return withRetries(async () => {
    try {
      if (items.length === 1) await sendOne(db, items[0] as WriteItem);
      else await db.client.send(new TransactWriteCommand({ TransactItems: [...items] }));
      return { committed: true } as const;
    } catch (error) {
      if (items.length === 1 && isConditionFailure(error)) {
        return { committed: false, failed: [true] } as const;
      }
      const failed = failedConditions(error);
      if (failed) return { committed: false, failed } as const;
      if (isTransactionConflict(error)) return again;
      throw error;
    }
  }, lostRace);
}
