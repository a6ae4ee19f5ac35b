import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "@/lib/db/conditions";
import type { Database } from "@/lib/db/runtime";

/**
 * Single-use links mailed to people (verify an address, reset a password, confirm a new address).
 * The token itself (32 random bytes) is only in the mail; the Users table keeps its SHA-256, so a
 * leaked table or backup holds no working link. Consuming is one conditional Delete: of two
 * requests racing with the same link, exactly one gets the item back.
 */
export type AccountTokenPurpose = "verify-email" | "reset-password" | "change-email";

export interface AccountToken {
  readonly purpose: AccountTokenPurpose;
  readonly subjectUserId: string;
  /** The address the link was sent to (for change-email: the new address). */
  readonly email: string;
  readonly expiresAt: number;
}

/**
 * The address is stored as `sentTo`, not `email`: the Users table's ByEmail index keys on
 * `email`, and a token there would answer sign-in's "which account has this email" lookup.
 */
interface AccountTokenItem extends Omit<AccountToken, "email"> {
  readonly userId: string;
  readonly kind: "account-token";
  readonly sentTo: string;
  readonly createdAt: string;
}

export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function tokenKey(token: string) {
  return { userId: `token#${hashAccountToken(token)}` };
}

/** Tokens are 43 base64url characters; anything else cannot be one (no read needed). */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

function toToken(item: Record<string, unknown> | undefined): AccountToken | undefined {
  if (item?.kind !== "account-token") return undefined;
  const { purpose, subjectUserId, sentTo, expiresAt } = item as unknown as AccountTokenItem;
  return { purpose, subjectUserId, email: sentTo, expiresAt };
}

/** Stores a new token's hash (TTL `expiresAt`) and returns the token for the link. */
export async function createAccountToken(
  db: Database,
  input: { purpose: AccountTokenPurpose; subjectUserId: string; email: string; ttlSeconds: number },
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const item: AccountTokenItem = {
    ...tokenKey(token),
    kind: "account-token",
    purpose: input.purpose,
    subjectUserId: input.subjectUserId,
    sentTo: input.email,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + input.ttlSeconds,
  };
  await db.client.send(
    new PutCommand({
      TableName: db.tables.Users,
      Item: item,
      ConditionExpression: "attribute_not_exists(userId)",
    }),
  );
  return token;
}

function isLive(token: AccountToken | undefined, purpose: AccountTokenPurpose, now: Date) {
  return token?.purpose === purpose && token.expiresAt > Math.floor(now.getTime() / 1000);
}

/** The token if it is still usable for `purpose`, without using it (to show a form or not). */
export async function peekAccountToken(
  db: Database,
  token: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<AccountToken | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Users, Key: tokenKey(token), ConsistentRead: true }),
  );
  const found = toToken(Item);
  return isLive(found, purpose, now) ? found : undefined;
}

/**
 * Uses the token up: deleted only if it exists, is of this purpose and has not expired (TTL
 * removes items within days, so expiry is checked here too). Undefined when any of that fails,
 * including when another request consumed it first.
 */
export async function consumeAccountToken(
  db: Database,
  token: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<AccountToken | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  try {
    const { Attributes } = await db.client.send(
      new DeleteCommand({
        TableName: db.tables.Users,
        Key: tokenKey(token),
        ConditionExpression:
          "attribute_exists(userId) AND expiresAt > :now AND purpose = :purpose AND kind = :kind",
        ExpressionAttributeValues: {
          ":now": Math.floor(now.getTime() / 1000),
          ":purpose": purpose,
          ":kind": "account-token",
        },
        ReturnValues: "ALL_OLD",
      }),
    );
    return toToken(Attributes);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
