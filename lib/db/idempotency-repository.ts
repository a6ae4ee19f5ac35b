import { randomUUID } from "node:crypto";
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { deleteKeys } from "@/lib/db/batch";
import { isConditionFailure } from "@/lib/db/conditions";
import type { Database } from "@/lib/db/runtime";

/**
 * Replay protection for mutations sent with an Idempotency-Key: the first request claims the
 * key, its response is stored, and any repeat gets that stored response instead of running
 * again. Kept in the Users table (`idem#<userId>#<key>`) for a day, then removed by TTL.
 *
 * A stored answer may hold a note's or a task's content, so each answer about one names it
 * (`resource`, e.g. `note#<noteId>`) and a reference item (`idemref#<userId>#<resource>`)
 * lists its keys: deleting that data for good deletes those answers with it.
 */
export type IdempotencyClaim =
  /** `token` names this claim, so only its holder releases it. */
  | { readonly state: "claimed"; readonly token: string }
  /** Another request holds the key; its lease ends in `retryAfterSeconds`. */
  | { readonly state: "in-progress"; readonly retryAfterSeconds: number }
  | { readonly state: "done"; readonly status: number; readonly body: string }
  | { readonly state: "mismatch" };

const keepSeconds = 24 * 60 * 60;

/**
 * How long a pending key is held for the request that claimed it. A request that crashed never
 * completes or releases its key: past the lease, a repeat with the same request takes it over
 * instead of being refused for a day. Long enough for any one request (the gate's work is
 * bounded by DynamoDB and S3 timeouts well under it).
 */
export const idempotencyLeaseSeconds = 30;

function key(userId: string, idempotencyKey: string) {
  return { userId: `idem#${userId}#${idempotencyKey}` };
}

export async function claimIdempotencyKey(
  db: Database,
  userId: string,
  idempotencyKey: string,
  fingerprint: string,
  options: { readonly now?: number } = {},
): Promise<IdempotencyClaim> {
  const now = options.now ?? Date.now();
  const token = randomUUID();
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tables.Users,
        Item: {
          ...key(userId, idempotencyKey),
          kind: "idempotency",
          state: "pending",
          fingerprint,
          token,
          leaseUntil: now + idempotencyLeaseSeconds * 1000,
          expiresAt: Math.floor(now / 1000) + keepSeconds,
        },
        // New, or the same request's key left pending past its lease (its holder crashed).
        ConditionExpression:
          "attribute_not_exists(userId) OR (#state = :pending AND fingerprint = :fingerprint AND leaseUntil < :now)",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: {
          ":pending": "pending",
          ":fingerprint": fingerprint,
          ":now": now,
        },
      }),
    );
    return { state: "claimed", token };
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
  if (!Item) return claimIdempotencyKey(db, userId, idempotencyKey, fingerprint, options);
  if (Item.fingerprint !== fingerprint) return { state: "mismatch" };
  if (Item.state === "done") {
    return { state: "done", status: Number(Item.status), body: String(Item.body ?? "") };
  }
  // Keys claimed before leases existed have none: they count as just expired.
  const leaseUntil = Number(Item.leaseUntil ?? 0);
  return {
    state: "in-progress",
    retryAfterSeconds: Math.max(1, Math.ceil((leaseUntil - now) / 1000)),
  };
}

const goneBody = JSON.stringify({
  error: { code: "gone", message: "This was deleted for good.", fieldErrors: {} },
});

function refKey(userId: string, resource: string) {
  return { userId: `idemref#${userId}#${resource}` };
}

export async function completeIdempotencyKey(
  db: Database,
  userId: string,
  idempotencyKey: string,
  response: { status: number; body: string; resource?: string },
): Promise<void> {
  const complete = {
    Update: {
      TableName: db.tables.Users,
      Key: key(userId, idempotencyKey),
      UpdateExpression: "SET #state = :done, #status = :status, body = :body",
      ExpressionAttributeNames: { "#state": "state", "#status": "status" },
      ExpressionAttributeValues: {
        ":done": "done",
        ":status": response.status,
        ":body": response.body,
      },
    },
  };
  if (!response.resource) {
    await db.client.send(new UpdateCommand(complete.Update));
    return;
  }
  await db.client.send(
    new TransactWriteCommand({
      TransactItems: [
        complete,
        {
          Update: {
            TableName: db.tables.Users,
            Key: refKey(userId, response.resource),
            UpdateExpression: "SET kind = :kind, expiresAt = :expiresAt ADD idempotencyKeys :key",
            ExpressionAttributeValues: {
              ":kind": "idempotency-ref",
              ":expiresAt": Math.floor(Date.now() / 1000) + keepSeconds,
              ":key": new Set([idempotencyKey]),
            },
          },
        },
      ],
    }),
  );
}

/**
 * Replaces every stored answer about these resources (data deleted for good) with a 410 that
 * holds none of their content, and drops the references; 100 resources at a time.
 */
export async function forgetIdempotentAnswers(
  db: Database,
  userId: string,
  resources: readonly string[],
  /** `delete` removes the answers too (account deletion: nobody is left to replay). */
  mode: "gone" | "delete" = "gone",
): Promise<void> {
  for (let start = 0; start < resources.length; start += 100) {
    let refs: Record<string, unknown>[] = resources
      .slice(start, start + 100)
      .map((resource) => refKey(userId, resource));
    const found: Record<string, unknown>[] = [];
    while (refs.length > 0) {
      const { Responses, UnprocessedKeys } = await db.client.send(
        new BatchGetCommand({
          RequestItems: { [db.tables.Users]: { Keys: refs, ConsistentRead: true } },
        }),
      );
      found.push(...(Responses?.[db.tables.Users] ?? []));
      refs = UnprocessedKeys?.[db.tables.Users]?.Keys ?? [];
    }
    const keys = found.flatMap((ref) => [
      ...((ref.idempotencyKeys as Set<string> | undefined) ?? []),
    ]);
    if (mode === "delete") {
      await deleteKeys(db, db.tables.Users, [
        ...keys.map((idempotencyKey) => key(userId, idempotencyKey)),
        ...found.map((ref) => ({ userId: String(ref.userId) })),
      ]);
      continue;
    }
    // The key stays claimed (a late replay must not run again), its answer becomes a 410.
    for (const idempotencyKey of keys) {
      try {
        await db.client.send(
          new UpdateCommand({
            TableName: db.tables.Users,
            Key: key(userId, idempotencyKey),
            UpdateExpression: "SET #status = :gone, body = :body",
            ConditionExpression: "attribute_exists(userId)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":gone": 410, ":body": goneBody },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    await deleteKeys(
      db,
      db.tables.Users,
      found.map((ref) => ({ userId: String(ref.userId) })),
    );
  }
}

/**
 * Frees a key whose request failed for a passing reason, so a retry can run it; only while this
 * claim holds it (past the lease another request may have taken it over).
 */
export async function releaseIdempotencyKey(
  db: Database,
  userId: string,
  idempotencyKey: string,
  token: string,
) {
  try {
    await db.client.send(
      new DeleteCommand({
        TableName: db.tables.Users,
        Key: key(userId, idempotencyKey),
        ConditionExpression: "#token = :token",
        ExpressionAttributeNames: { "#token": "token" },
        ExpressionAttributeValues: { ":token": token },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
