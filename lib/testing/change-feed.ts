import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "@/lib/db/runtime";

/** Every change item of a user, in seq order, read consistently from the table. */
export async function feedOf(db: Database, userId: string) {
  const items: { seq: number; kind: string; recordId: string }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tables.Changes,
        KeyConditionExpression: "userId = :userId",
        ExpressionAttributeValues: { ":userId": userId },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      items.push({
        seq: Number(item.seq),
        kind: String(item.kind),
        recordId: String(item.recordId),
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
