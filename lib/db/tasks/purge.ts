import "server-only";
import { deleteKeys } from "@/lib/db/batch";
import { walkPartition } from "@/lib/db/paging";
import type { Database } from "@/lib/db/runtime";
import { taskCounters, zeroUserCounters } from "@/lib/db/user-counters";

/** Every task id of a user, trashed or not (for account deletion). */
export async function listAllTaskIds(db: Database, userId: string): Promise<string[]> {
  const items = await walkPartition(db, {
    TableName: db.tables.Tasks,
    KeyConditionExpression: "userId = :userId",
    ExpressionAttributeValues: { ":userId": userId },
    ProjectionExpression: "taskId",
  });
  return items.map((item) => String(item.taskId));
}

/** Removes every task item of a user and zeroes their task counters (account deletion). */
export async function deleteAllTasks(db: Database, userId: string): Promise<void> {
  const ids = await listAllTaskIds(db, userId);
  await deleteKeys(
    db,
    db.tables.Tasks,
    ids.map((taskId) => ({ userId, taskId })),
  );
  // An interrupted account deletion leaves the account usable: its counts must then say zero.
  await zeroUserCounters(db, userId, taskCounters);
}
