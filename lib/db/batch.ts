import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "@/lib/db/runtime";

/** Deletes items by key, 25 per request, retrying what DynamoDB leaves unprocessed. */
export async function deleteKeys(
  db: Database,
  tableName: string,
  keys: readonly Record<string, string>[],
): Promise<void> {
  for (let start = 0; start < keys.length; start += 25) {
    let requests = keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      if (attempt > 8)
        throw new Error(`Could not delete ${requests.length} items from ${tableName}`);
      const { UnprocessedItems } = await db.client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}
