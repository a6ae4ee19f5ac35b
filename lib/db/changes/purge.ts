import "server-only";
import { deleteKeys } from "@/lib/db/batch";
import { walkPartition } from "@/lib/db/paging";
import type { Database } from "@/lib/db/runtime";

/**
 * Removes a user's change feed (account deletion). Its items name only ids and times, and TTL
 * would take them within 30 days, but deleting an account leaves nothing of the person behind.
 */
export async function deleteAllChanges(db: Database, userId: string): Promise<void> {
  const items = await walkPartition(db, {
    TableName: db.tables.Changes,
    KeyConditionExpression: "userId = :userId",
    ExpressionAttributeValues: { ":userId": userId },
    ProjectionExpression: "#seq",
    ExpressionAttributeNames: { "#seq": "seq" },
  });
  await deleteKeys(
    db,
    db.tables.Changes,
    items.map((item) => ({ userId, seq: item.seq })),
  );
}
