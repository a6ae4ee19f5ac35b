import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "@/lib/db/runtime";

/**
 * Fixed-window counters kept in the Users table (`rate#<scope>#<subject>#<windowStart>`), so
 * every server agrees on them; TTL removes them after their window.
 */
import "server-only";
export interface RateWindow {
  readonly scope: string;
  readonly subject: string;
  readonly windowStart: number;
  readonly windowEnd: number;
}

function key(window: RateWindow) {
  return { userId: `rate#${window.scope}#${window.subject}#${window.windowStart}` };
}

export async function incrementRateCounter(db: Database, window: RateWindow): Promise<number> {
  const { Attributes } = await db.client.send(
    new UpdateCommand({
      TableName: db.tables.Users,
      Key: key(window),
      UpdateExpression: "SET kind = :kind, expiresAt = :expiresAt ADD attempts :one",
      ExpressionAttributeValues: {
        ":kind": "rate-limit",
        ":expiresAt": Math.ceil(window.windowEnd / 1000),
        ":one": 1,
      },
      ReturnValues: "UPDATED_NEW",
    }),
  );
  return Number(Attributes?.attempts ?? 0);
}

export async function readRateCounter(db: Database, window: RateWindow): Promise<number> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Users, Key: key(window), ConsistentRead: true }),
  );
  return Number(Item?.attempts ?? 0);
}
