import "server-only";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "@/lib/db/conditions";
import type { Database } from "@/lib/db/runtime";
import { again, lostRace, withRetries } from "@/lib/db/transact";

/**
 * Presigned uploads a user has not confirmed yet: one item per user in the Users table
 * (`uploads#<userId>`), a map from attachment id to the second its URL expires. A claim is one
 * conditional write on the map's size; TTL removes the item after its last URL has expired.
 */
function key(userId: string) {
  return { userId: `uploads#${userId}` };
}

export type SlotClaim =
  | { readonly granted: true }
  | { readonly granted: false; readonly retryAfterSeconds: number };

export async function claimUploadSlot(
  db: Database,
  userId: string,
  attachmentId: string,
  slots: { limit: number; until: Date; now?: Date },
): Promise<SlotClaim> {
  const until = Math.ceil(slots.until.getTime() / 1000);
  const now = (slots.now ?? new Date()).getTime() / 1000;
  return withRetries(async (): Promise<SlotClaim | typeof again> => {
    try {
      await db.client.send(
        new UpdateCommand({
          TableName: db.tables.Users,
          Key: key(userId),
          UpdateExpression: "SET pending.#id = :until, expiresAt = :until",
          ConditionExpression: "size(pending) < :limit",
          ExpressionAttributeNames: { "#id": attachmentId },
          ExpressionAttributeValues: { ":until": until, ":limit": slots.limit },
        }),
      );
      return { granted: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // No item yet, or full: create it, or drop the entries whose URLs have expired.
    const { Item } = await db.client.send(
      new GetCommand({ TableName: db.tables.Users, Key: key(userId), ConsistentRead: true }),
    );
    if (!Item) {
      await createSlots(db, userId, until);
      return again;
    }
    const pending = (Item.pending ?? {}) as Record<string, number>;
    const expired = Object.keys(pending).filter((id) => (pending[id] ?? 0) <= now);
    if (expired.length === 0) {
      // Changed since the refused write (another claim made the item, a confirm freed a place).
      if (Object.keys(pending).length < slots.limit) return again;
      const soonest = Math.min(...Object.values(pending));
      return { granted: false, retryAfterSeconds: Math.max(1, Math.ceil(soonest - now)) };
    }
    await db.client.send(
      new UpdateCommand({
        TableName: db.tables.Users,
        Key: key(userId),
        UpdateExpression: `REMOVE ${expired.map((_, index) => `pending.#e${index}`).join(", ")}`,
        ExpressionAttributeNames: Object.fromEntries(
          expired.map((id, index) => [`#e${index}`, id]),
        ),
      }),
    );
    return again;
  }, lostRace);
}

async function createSlots(db: Database, userId: string, until: number): Promise<void> {
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tables.Users,
        Item: { ...key(userId), kind: "upload-slots", pending: {}, expiresAt: until },
        ConditionExpression: "attribute_not_exists(userId)",
      }),
    );
  } catch (error) {
    // Another request created it first: fine.
    if (!isConditionFailure(error)) throw error;
  }
}

/** The upload was confirmed or given up: its place is free. */
export async function releaseUploadSlot(
  db: Database,
  userId: string,
  attachmentId: string,
): Promise<void> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tables.Users,
        Key: key(userId),
        UpdateExpression: "REMOVE pending.#id",
        ConditionExpression: "attribute_exists(pending)",
        ExpressionAttributeNames: { "#id": attachmentId },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
