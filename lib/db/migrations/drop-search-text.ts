/**
 * Migration for issue 14: note items stored the body twice (`content` and a lower-cased
 * `searchText` copy for search). The app no longer writes or reads `searchText`; this removes it
 * from items written before, halving what a large note costs to read and to write again.
 *
 * Off the request path: the local cloud's bootstrap runs it once (lib/db/bootstrap.ts), and on
 * AWS `npx tsx scripts/drop-search-text.ts <Notes table name>` does (see README). A Scan of the
 * whole table, filtered to items that still have the attribute, then one conditional Update per
 * such item. Safe to run again, and beside the live app: the condition skips an item an edit or
 * a delete got to first (an edit drops `searchText` itself), and removing an attribute no reader
 * uses changes no note, so no version moves and no change-feed entry is written.
 *
 * Cost: the Scan reads every note item once (0.5 RCU per 4 KB, eventually consistent); each
 * Update costs the item's size in WCU (1 per KB, the larger of before and after).
 * No `server-only` import: scripts run it with plain Node.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

/** Updates in flight at once: enough to finish fast, few enough not to throttle a table. */
const concurrentUpdates = 8;

export async function dropSearchText(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ scanned: number; updated: number }> {
  let scanned = 0;
  let updated = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: "attribute_exists(searchText)",
        ProjectionExpression: "userId, noteId",
        ExclusiveStartKey: startKey,
      }),
    );
    scanned += page.ScannedCount ?? 0;
    const keys = (page.Items ?? []).map((item) => ({ userId: item.userId, noteId: item.noteId }));
    for (let start = 0; start < keys.length; start += concurrentUpdates) {
      const removed = await Promise.all(
        keys
          .slice(start, start + concurrentUpdates)
          .map((key) => removeFrom(client, tableName, key)),
      );
      updated += removed.filter(Boolean).length;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { scanned, updated };
}

async function removeFrom(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, unknown>,
): Promise<boolean> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: "REMOVE searchText",
        ConditionExpression: "attribute_exists(searchText)",
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
