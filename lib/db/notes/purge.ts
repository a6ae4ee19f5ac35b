import "server-only";
import { deleteKeys } from "@/lib/db/batch";
import { walkPartition } from "@/lib/db/paging";
import type { Database } from "@/lib/db/runtime";

/** Every note id of a user, trashed or not (for account deletion). */
export async function listAllNoteIds(db: Database, userId: string): Promise<string[]> {
  const items = await walkPartition(db, {
    TableName: db.tables.Notes,
    KeyConditionExpression: "userId = :userId",
    ExpressionAttributeValues: { ":userId": userId },
    ProjectionExpression: "noteId",
  });
  return items.map((item) => String(item.noteId));
}

/** Removes every note item of a user (account deletion; objects are removed by prefix). */
export async function deleteAllNotes(db: Database, userId: string): Promise<void> {
  const ids = await listAllNoteIds(db, userId);
  await deleteKeys(
    db,
    db.tables.Notes,
    ids.map((noteId) => ({ userId, noteId })),
  );
}
