import "server-only";
import { BatchGetCommand, BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "@/lib/db/runtime";
import { again, withRetries } from "@/lib/db/transact";
import { AppError } from "@/lib/errors";

type Key = Record<string, unknown>;

/** DynamoDB kept leaving part of a batch unprocessed (throttling): try again later. */
function throttled(): AppError {
  return new AppError(
    "unavailable",
    "Jotboard's storage is busy right now; not everything was done. Try again in a moment.",
    { retryAfterSeconds: 1 },
  );
}

/** Deletes items by key, 25 per request, retrying what DynamoDB leaves unprocessed. */
export async function deleteKeys(
  db: Database,
  tableName: string,
  keys: readonly Key[],
): Promise<void> {
  for (let start = 0; start < keys.length; start += 25) {
    let requests = keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } }));
    await withRetries(async () => {
      const { UnprocessedItems } = await db.client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      return requests.length > 0 ? again : undefined;
    }, throttled);
  }
}

/** Reads items by key, 100 per request, retrying what DynamoDB leaves unprocessed. */
export async function getKeys(
  db: Database,
  tableName: string,
  keys: readonly Key[],
  projection: string,
): Promise<Key[]> {
  const items: Key[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let batch = keys.slice(start, start + 100);
    await withRetries(async () => {
      const { Responses, UnprocessedKeys } = await db.client.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: batch, ProjectionExpression: projection } },
        }),
      );
      items.push(...(Responses?.[tableName] ?? []));
      batch = UnprocessedKeys?.[tableName]?.Keys ?? [];
      return batch.length > 0 ? again : undefined;
    }, throttled);
  }
  return items;
}
