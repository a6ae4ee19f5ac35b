import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { recordChange } from "@/lib/db/changes/feed";
import { forgetExpiredTrash } from "@/lib/db/expired-items-repository";
import type { Database } from "@/lib/db/runtime";
import { noteObjectPrefix } from "@/lib/storage/attachments";
import { deleteObjectsWithPrefix } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/runtime";

/** The part of a DynamoDB stream record the expiry handlers read. */
export interface StreamRecord {
  readonly eventName?: string;
  readonly eventSourceARN?: string;
  readonly userIdentity?: { readonly type?: string; readonly principalId?: string };
  readonly dynamodb?: {
    readonly OldImage?: Record<string, AttributeValue>;
    readonly Keys?: Record<string, AttributeValue>;
  };
}

/** TTL deletions are REMOVE events made by the DynamoDB service itself. */
export function isTtlExpiry(record: StreamRecord): boolean {
  return (
    record.eventName === "REMOVE" &&
    record.userIdentity?.type === "Service" &&
    record.userIdentity.principalId === "dynamodb.amazonaws.com"
  );
}

function keysOf(record: StreamRecord): { userId?: unknown; noteId?: unknown; taskId?: unknown } {
  const image = record.dynamodb?.OldImage ?? record.dynamodb?.Keys;
  return image ? unmarshall(image) : {};
}

/** The people whose items TTL removed in these records, once each (their devices are poked). */
export function expiredOwners(records: readonly StreamRecord[]): string[] {
  const owners = records.filter(isTtlExpiry).map((record) => keysOf(record).userId);
  return [...new Set(owners.filter((userId): userId is string => typeof userId === "string"))];
}

/**
 * When TTL removes a trashed note: its attachments leave S3 (DynamoDB cannot do that), the
 * trash counter drops and the change feed gets its tombstone, so devices drop it too. Returns
 * how many objects went.
 */
export async function removeExpiredNotes(
  db: Database,
  storage: Storage,
  records: readonly StreamRecord[],
): Promise<number> {
  let removed = 0;
  for (const record of records.filter(isTtlExpiry)) {
    const { userId, noteId } = keysOf(record);
    if (typeof userId !== "string" || typeof noteId !== "string") continue;
    removed += await deleteObjectsWithPrefix(storage, noteObjectPrefix(userId, noteId));
    await forgetExpiredTrash(db, userId, "trashedNoteCount");
    await recordChange(db, { kind: "note", userId, recordId: noteId });
  }
  return removed;
}

/** When TTL removes a trashed task: the trash counter drops and the feed gets its tombstone. */
export async function removeExpiredTasks(db: Database, records: readonly StreamRecord[]) {
  for (const record of records.filter(isTtlExpiry)) {
    const { userId, taskId } = keysOf(record);
    if (typeof userId !== "string" || typeof taskId !== "string") continue;
    await forgetExpiredTrash(db, userId, "trashedTaskCount");
    await recordChange(db, { kind: "task", userId, recordId: taskId });
  }
}
