import "server-only";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { deleteKeys } from "@/lib/db/batch";
import { isConditionFailure } from "@/lib/db/conditions";
import { walkPartition } from "@/lib/db/paging";
import type { Database } from "@/lib/db/runtime";
import { transact } from "@/lib/db/transact";
import { AppError } from "@/lib/errors";
import type { PasskeyListItem } from "@/lib/passkeys/types";

/**
 * The only DynamoDB code for passkeys: the Passkeys table (`userId` + `credentialId`) and the
 * WebAuthn challenges kept as short-lived items in the Users table (`challenge#<id>`). Neither is
 * a note or task record, so neither goes through `writeRecord`'s change feed: devices never
 * replicate them. Writes that must not outlive the account go through `transact`.
 */

export interface Passkey {
  readonly userId: string;
  /** base64url, as WebAuthn names it. */
  readonly credentialId: string;
  /** COSE public key, base64url. */
  readonly publicKey: string;
  readonly counter: number;
  readonly transports: readonly string[];
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  /** "singleDevice" | "multiDevice": whether the authenticator syncs it (a phone's passkey). */
  readonly deviceType: string;
  readonly backedUp: boolean;
}

/** What the settings list shows: never the key material. */
export type PasskeySummary = PasskeyListItem;

/** At most this many per person: a list anyone can read at a glance, and a bound on storage. */
export const passkeyLimit = 20;

function toPasskey(item: Record<string, unknown>): Passkey {
  return {
    userId: item.userId as string,
    credentialId: item.credentialId as string,
    publicKey: item.publicKey as string,
    counter: (item.counter as number | undefined) ?? 0,
    transports: (item.transports as string[] | undefined) ?? [],
    name: (item.name as string | undefined) ?? "",
    createdAt: item.createdAt as string,
    ...(typeof item.lastUsedAt === "string" && { lastUsedAt: item.lastUsedAt }),
    deviceType: (item.deviceType as string | undefined) ?? "singleDevice",
    backedUp: item.backedUp === true,
  };
}

/**
 * Stores a verified credential, only while the account exists (a registration finishing after
 * the account was deleted leaves nothing behind) and only once (a credential id is the
 * authenticator's: registering it twice would be a replay).
 */
export async function addPasskey(db: Database, passkey: Passkey): Promise<void> {
  const outcome = await transact(db, [
    {
      ConditionCheck: {
        TableName: db.tables.Users,
        Key: { userId: passkey.userId },
        ConditionExpression: "attribute_exists(userId)",
      },
    },
    {
      Put: {
        TableName: db.tables.Passkeys,
        Item: { ...passkey },
        ConditionExpression: "attribute_not_exists(credentialId)",
      },
    },
  ]);
  if (outcome.committed) return;
  if (outcome.failed[0]) throw new AppError("unauthorized", "Sign in to continue.");
  throw new AppError("conflict", "This passkey is already saved.");
}

export async function getPasskey(
  db: Database,
  userId: string,
  credentialId: string,
): Promise<Passkey | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({
      TableName: db.tables.Passkeys,
      Key: { userId, credentialId },
      ConsistentRead: true,
    }),
  );
  return Item ? toPasskey(Item) : undefined;
}

/** A person's passkeys, oldest first (the order they were added in). */
export async function listPasskeys(db: Database, userId: string): Promise<Passkey[]> {
  const items = await walkPartition(db, {
    TableName: db.tables.Passkeys,
    KeyConditionExpression: "userId = :userId",
    ExpressionAttributeValues: { ":userId": userId },
    ConsistentRead: true,
  });
  return items.map(toPasskey).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Records a sign-in: the authenticator's new signature counter and the time. Conditional on the
 * stored counter being the one the signature was checked against, so two racing sign-ins with
 * the same counter (a cloned authenticator, a replayed assertion) cannot both succeed.
 */
export async function recordPasskeyUse(
  db: Database,
  passkey: Pick<Passkey, "userId" | "credentialId" | "counter">,
  update: { counter: number; backedUp: boolean; at: Date },
): Promise<boolean> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tables.Passkeys,
        Key: { userId: passkey.userId, credentialId: passkey.credentialId },
        UpdateExpression: "SET #counter = :counter, #backedUp = :backedUp, #lastUsedAt = :at",
        ConditionExpression: "attribute_exists(credentialId) AND #counter = :was",
        ExpressionAttributeNames: {
          "#counter": "counter",
          "#backedUp": "backedUp",
          "#lastUsedAt": "lastUsedAt",
        },
        ExpressionAttributeValues: {
          ":counter": update.counter,
          ":backedUp": update.backedUp,
          ":at": update.at.toISOString(),
          ":was": passkey.counter,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Removes one passkey; false when there is none with that id (or it is someone else's). */
export async function deletePasskey(
  db: Database,
  userId: string,
  credentialId: string,
): Promise<boolean> {
  try {
    await db.client.send(
      new DeleteCommand({
        TableName: db.tables.Passkeys,
        Key: { userId, credentialId },
        ConditionExpression: "attribute_exists(credentialId)",
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Account deletion: every passkey of the person. */
export async function deleteAllPasskeys(db: Database, userId: string): Promise<void> {
  const items = await walkPartition(db, {
    TableName: db.tables.Passkeys,
    KeyConditionExpression: "userId = :userId",
    ExpressionAttributeValues: { ":userId": userId },
    ProjectionExpression: "credentialId",
  });
  await deleteKeys(
    db,
    db.tables.Passkeys,
    items.map((item) => ({ userId, credentialId: item.credentialId })),
  );
}

export type ChallengePurpose = "register" | "authenticate";

export interface StoredChallenge {
  readonly challenge: string;
  readonly purpose: ChallengePurpose;
  /** Registration: whose passkey it will be. Sign-in: absent (the visitor is unknown). */
  readonly subjectUserId?: string;
}

function challengeKey(challengeId: string) {
  return { userId: `challenge#${challengeId}` };
}

/** Keeps a challenge until `expiresAt`; TTL removes it if it is never answered. */
export async function saveChallenge(
  db: Database,
  challengeId: string,
  challenge: StoredChallenge,
  expiresAt: Date,
): Promise<void> {
  await db.client.send(
    new PutCommand({
      TableName: db.tables.Users,
      Item: {
        ...challengeKey(challengeId),
        kind: "passkey-challenge",
        ...challenge,
        expiresAt: Math.floor(expiresAt.getTime() / 1000),
      },
      ConditionExpression: "attribute_not_exists(userId)",
    }),
  );
}

/**
 * Takes a challenge out, once: a conditional Delete returning the old item, so of two racing
 * answers exactly one gets it. Refused (undefined) once expired (TTL deletes lazily), for another
 * purpose, or for another person.
 */
export async function consumeChallenge(
  db: Database,
  challengeId: string,
  expected: { purpose: ChallengePurpose; subjectUserId?: string },
  now = new Date(),
): Promise<StoredChallenge | undefined> {
  const subject = expected.subjectUserId
    ? " AND subjectUserId = :subject"
    : " AND attribute_not_exists(subjectUserId)";
  try {
    const { Attributes } = await db.client.send(
      new DeleteCommand({
        TableName: db.tables.Users,
        Key: challengeKey(challengeId),
        ConditionExpression: `attribute_exists(userId) AND #kind = :kind AND #purpose = :purpose AND expiresAt > :now${subject}`,
        ExpressionAttributeNames: { "#kind": "kind", "#purpose": "purpose" },
        ExpressionAttributeValues: {
          ":kind": "passkey-challenge",
          ":purpose": expected.purpose,
          ":now": Math.floor(now.getTime() / 1000),
          ...(expected.subjectUserId && { ":subject": expected.subjectUserId }),
        },
        ReturnValues: "ALL_OLD",
      }),
    );
    if (!Attributes) return undefined;
    return {
      challenge: Attributes.challenge as string,
      purpose: Attributes.purpose as ChallengePurpose,
      ...(typeof Attributes.subjectUserId === "string" && {
        subjectUserId: Attributes.subjectUserId,
      }),
    };
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
