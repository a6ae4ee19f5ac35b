import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Database } from "@/lib/db/runtime";

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

/** Which items of a cancelled transaction failed their condition, by position. */
export function failedTransactionConditions(error: unknown): boolean[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map(
    (reason) => reason.Code === "ConditionalCheckFailed",
  );
}

/** DynamoDB cancelled a transaction because another one touched the same item meanwhile. */
export function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "TransactionConflictException") return true;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (
    error.name === "TransactionCanceledException" &&
    (reasons ?? []).some((reason) => reason.Code === "TransactionConflict")
  );
}

/**
 * Sends a transaction, retrying with jittered backoff when it only lost a race with another
 * transaction on the same item (e.g. two notes of one user updating the user's counters):
 * a conflict is not an answer, its retry is.
 */
export async function sendTransaction(
  db: Database,
  input: TransactWriteCommandInput,
  attempts = 6,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.client.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}
