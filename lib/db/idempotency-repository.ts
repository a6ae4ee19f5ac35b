import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "@/lib/db/conditions";
import type { Database } from "@/lib/db/runtime";

/**
 * Replay protection for mutations sent with an Idempotency-Key: the first request claims the
 * key, its response is stored, and any repeat gets that stored response instead of running
 * again. Kept in the Users table (`idem#<userId>#<key>`) for a day, then removed by TTL.
 */
export type IdempotencyClaim =
  | { readonly state: "claimed" }
  | { readonly state: "in-progress" }
  | { readonly state: "done"; readonly status: number; readonly body: string }
  | { readonly state: "mismatch" };

const keepSeconds = 24 * 60 * 60;

function key(userId: string, idempotencyKey: string) {
  return { userId: `idem#${userId}#${idempotencyKey}` };
}

export async function claimIdempotencyKey(
  db: Database,
  userId: string,
  idempotencyKey: string,
  fingerprint: string,
): Promise<IdempotencyClaim> {
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tables.Users,
        Item: {
          ...key(userId, idempotencyKey),
          kind: "idempotency",
          state: "pending",
          fingerprint,
          expiresAt: Math.floor(Date.now() / 1000) + keepSeconds,
        },
        ConditionExpression: "attribute_not_exists(userId)",
      }),
    );
    return { state: "claimed" };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const { Item } = await db.client.send(
    new GetCommand({
      TableName: db.tables.Users,
      Key: key(userId, idempotencyKey),
      ConsistentRead: true,
    }),
  );
  if (!Item) return claimIdempotencyKey(db, userId, idempotencyKey, fingerprint);
  if (Item.fingerprint !== fingerprint) return { state: "mismatch" };
  if (Item.state !== "done") return { state: "in-progress" };
  return { state: "done", status: Number(Item.status), body: String(Item.body ?? "") };
}

export async function completeIdempotencyKey(
  db: Database,
  userId: string,
  idempotencyKey: string,
  response: { status: number; body: string },
): Promise<void> {
  await db.client.send(
    new UpdateCommand({
      TableName: db.tables.Users,
      Key: key(userId, idempotencyKey),
      UpdateExpression: "SET #state = :done, #status = :status, body = :body",
      ExpressionAttributeNames: { "#state": "state", "#status": "status" },
      ExpressionAttributeValues: {
        ":done": "done",
        ":status": response.status,
        ":body": response.body,
      },
    }),
  );
}

/** Frees a key whose request failed for a passing reason, so a retry can run it. */
export async function releaseIdempotencyKey(db: Database, userId: string, idempotencyKey: string) {
  await db.client.send(
    new DeleteCommand({ TableName: db.tables.Users, Key: key(userId, idempotencyKey) }),
  );
}
