import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { noteObjectPrefix } from "@/lib/storage/attachments";
import { deleteObjectsWithPrefix } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/runtime";

/** The part of a DynamoDB stream record this handler reads. */
export interface NoteStreamRecord {
  readonly eventName?: string;
  readonly userIdentity?: { readonly type?: string; readonly principalId?: string };
  readonly dynamodb?: { readonly OldImage?: Record<string, AttributeValue> };
}

/** TTL deletions are REMOVE events made by the DynamoDB service itself. */
export function isTtlExpiry(record: NoteStreamRecord): boolean {
  return (
    record.eventName === "REMOVE" &&
    record.userIdentity?.type === "Service" &&
    record.userIdentity.principalId === "dynamodb.amazonaws.com"
  );
}

/**
 * When TTL removes a trashed note, removes its attachments from S3, which DynamoDB cannot do.
 * Returns how many objects went.
 */
export async function removeExpiredNoteObjects(
  storage: Storage,
  records: readonly NoteStreamRecord[],
): Promise<number> {
  let removed = 0;
  for (const record of records.filter(isTtlExpiry)) {
    const image = record.dynamodb?.OldImage;
    if (!image) continue;
    const { userId, noteId } = unmarshall(image) as { userId?: unknown; noteId?: unknown };
    if (typeof userId !== "string" || typeof noteId !== "string") continue;
    removed += await deleteObjectsWithPrefix(storage, noteObjectPrefix(userId, noteId));
  }
  return removed;
}
