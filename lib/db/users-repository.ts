import "server-only";
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { isConditionFailure } from "@/lib/db/conditions";
import type { Database } from "@/lib/db/runtime";
import { lostRace, transact } from "@/lib/db/transact";
import { countsOf, type UserCounter, type UserCounts, zeroCounts } from "@/lib/db/user-counters";
import { AppError } from "@/lib/errors";

export interface User {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly sessionVersion: number;
  readonly createdAt: string;
  /** When the account's current email was confirmed by a mailed link; absent until then. */
  readonly emailVerifiedAt?: string;
  readonly counts: UserCounts;
}

export interface UserCredentials {
  readonly user: User;
  readonly passwordHash: string;
}

interface UserFields {
  userId: string;
  kind: "user";
  email: string;
  displayName: string;
  passwordHash: string;
  sessionVersion: number;
  createdAt: string;
  updatedAt: string;
  emailVerifiedAt?: string;
}

type UserItem = UserFields & Partial<Record<UserCounter, number>>;

/** The key of the item that reserves an email for one account. */
export function emailClaimKey(email: string) {
  return { userId: `email#${email}` };
}

function toUser(item: UserItem): User {
  return {
    userId: item.userId,
    email: item.email,
    displayName: item.displayName,
    sessionVersion: item.sessionVersion,
    createdAt: item.createdAt,
    ...(item.emailVerifiedAt && { emailVerifiedAt: item.emailVerifiedAt }),
    counts: countsOf(item),
  };
}

function isUserItem(
  item: Record<string, unknown> | undefined,
): item is UserItem & Record<string, unknown> {
  return item?.kind === "user";
}

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly passwordHash: string;
}

/**
 * Creates the account and claims its email in one transaction: two racing sign-ups for the same
 * email create exactly one account, which a global index alone could not guarantee.
 */
export async function createUser(db: Database, input: NewUser, now = new Date()): Promise<User> {
  const item: UserItem = {
    userId: ulid(now.getTime()),
    kind: "user",
    email: input.email,
    displayName: input.displayName,
    passwordHash: input.passwordHash,
    sessionVersion: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...zeroCounts(),
  };
  const outcome = await transact(db, [
    {
      Put: {
        TableName: db.tables.Users,
        Item: item,
        ConditionExpression: "attribute_not_exists(userId)",
      },
    },
    {
      Put: {
        TableName: db.tables.Users,
        Item: { ...emailClaimKey(input.email), kind: "email-claim", ownerId: item.userId },
        ConditionExpression: "attribute_not_exists(userId)",
      },
    },
  ]);
  if (outcome.committed) return toUser(item);
  if (outcome.failed[1]) {
    throw new AppError("conflict", "An account with this email already exists.", {
      fieldErrors: { email: ["An account with this email already exists."] },
    });
  }
  // A user id (a ULID) taken twice in one millisecond.
  throw lostRace();
}

/** The account that owns `email` (read consistently from its claim item), if any. */
export async function getEmailOwner(db: Database, email: string): Promise<string | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Users, Key: emailClaimKey(email), ConsistentRead: true }),
  );
  return typeof Item?.ownerId === "string" ? Item.ownerId : undefined;
}

export async function getUser(db: Database, userId: string): Promise<User | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Users, Key: { userId }, ConsistentRead: true }),
  );
  return isUserItem(Item) ? toUser(Item) : undefined;
}

function revokedSessionKey(userId: string, sessionId: string) {
  return { userId: `session#${userId}#${sessionId}` };
}

/**
 * The account and whether this one session was signed out, in one BatchGetItem (the session
 * check runs on every request). A read DynamoDB leaves unprocessed counts as an outage.
 */
export async function getSessionAccount(
  db: Database,
  userId: string,
  sessionId: string,
): Promise<{ user: User | undefined; revoked: boolean }> {
  const revocation = revokedSessionKey(userId, sessionId);
  const { Responses, UnprocessedKeys } = await db.client.send(
    new BatchGetCommand({
      RequestItems: {
        [db.tables.Users]: { Keys: [{ userId }, revocation], ConsistentRead: true },
      },
    }),
  );
  if (Object.keys(UnprocessedKeys ?? {}).length > 0) {
    throw Object.assign(new Error("Session check throttled"), { name: "ThrottlingException" });
  }
  const items = Responses?.[db.tables.Users] ?? [];
  const user = items.find((item) => item.userId === userId);
  return {
    user: isUserItem(user) ? toUser(user) : undefined,
    revoked: items.some((item) => item.userId === revocation.userId),
  };
}

/**
 * Signs one session out for good: its id is refused until `until`, when every copy of its
 * token has expired anyway and TTL removes the item.
 */
export async function revokeSession(
  db: Database,
  userId: string,
  sessionId: string,
  until: Date,
): Promise<void> {
  await db.client.send(
    new PutCommand({
      TableName: db.tables.Users,
      Item: {
        ...revokedSessionKey(userId, sessionId),
        kind: "revoked-session",
        expiresAt: Math.ceil(until.getTime() / 1000),
      },
    }),
  );
}

async function userIdByEmail(db: Database, email: string): Promise<string | undefined> {
  const { Items } = await db.client.send(
    new QueryCommand({
      TableName: db.tables.Users,
      IndexName: "ByEmail",
      KeyConditionExpression: "email = :email",
      ExpressionAttributeValues: { ":email": email },
      Limit: 1,
    }),
  );
  const fromIndex = Items?.[0]?.userId;
  if (typeof fromIndex === "string") return fromIndex;
  // The index is eventually consistent; the claim item is read consistently, so an account
  // created a moment ago can sign in at once.
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Users, Key: emailClaimKey(email), ConsistentRead: true }),
  );
  return typeof Item?.ownerId === "string" ? Item.ownerId : undefined;
}

/** The account and its password hash, for sign-in only. */
export async function getCredentialsByEmail(
  db: Database,
  email: string,
): Promise<UserCredentials | undefined> {
  const userId = await userIdByEmail(db, email);
  if (!userId) return undefined;
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Users, Key: { userId }, ConsistentRead: true }),
  );
  // The index lags an email change: an account that has left this address is not its owner.
  return isUserItem(Item) && Item.email === email
    ? { user: toUser(Item), passwordHash: Item.passwordHash }
    : undefined;
}

export async function getPasswordHash(db: Database, userId: string): Promise<string | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({
      TableName: db.tables.Users,
      Key: { userId },
      ProjectionExpression: "passwordHash, kind",
      ConsistentRead: true,
    }),
  );
  return isUserItem(Item) ? Item.passwordHash : undefined;
}

async function updateUser(
  db: Database,
  userId: string,
  update: { set?: string[]; add?: string; values: Record<string, unknown> },
  now: Date,
): Promise<User> {
  const set = [...(update.set ?? []), "updatedAt = :now"].join(", ");
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tables.Users,
        Key: { userId },
        UpdateExpression: `SET ${set}${update.add ? ` ADD ${update.add}` : ""}`,
        ConditionExpression: "kind = :user",
        ExpressionAttributeValues: { ...update.values, ":now": now.toISOString(), ":user": "user" },
        ReturnValues: "ALL_NEW",
      }),
    );
    return toUser(Attributes as UserItem);
  } catch (error) {
    if (isConditionFailure(error))
      throw new AppError("not_found", "This account no longer exists.");
    throw error;
  }
}

export function updateDisplayName(
  db: Database,
  userId: string,
  displayName: string,
  now = new Date(),
) {
  return updateUser(
    db,
    userId,
    { set: ["displayName = :name"], values: { ":name": displayName } },
    now,
  );
}

/** Replaces the password and revokes every session issued before. */
export function changePasswordHash(
  db: Database,
  userId: string,
  passwordHash: string,
  now = new Date(),
) {
  return updateUser(
    db,
    userId,
    {
      set: ["passwordHash = :hash"],
      add: "sessionVersion :one",
      values: { ":hash": passwordHash, ":one": 1 },
    },
    now,
  );
}

/** Revokes every session issued before ("sign out everywhere"). */
export function revokeSessions(db: Database, userId: string, now = new Date()) {
  return updateUser(db, userId, { add: "sessionVersion :one", values: { ":one": 1 } }, now);
}

/** Removes the account item and its email claim together. */
export async function deleteUser(
  db: Database,
  user: Pick<User, "userId" | "email">,
): Promise<void> {
  const outcome = await transact(db, [
    { Delete: { TableName: db.tables.Users, Key: { userId: user.userId } } },
    {
      Delete: {
        TableName: db.tables.Users,
        Key: emailClaimKey(user.email),
        ConditionExpression: "attribute_not_exists(ownerId) OR ownerId = :owner",
        ExpressionAttributeValues: { ":owner": user.userId },
      },
    },
  ]);
  // The account's email claimed by another account breaks an invariant: nothing is deleted.
  if (!outcome.committed) throw new Error(`The email claim of ${user.userId} has another owner`);
}

/**
 * Marks the account's email as confirmed, only while it is still `email` (a link sent to an
 * address the account has since left confirms nothing). False when it no longer is.
 */
export async function markEmailVerified(
  db: Database,
  userId: string,
  email: string,
  now = new Date(),
): Promise<boolean> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tables.Users,
        Key: { userId },
        UpdateExpression: "SET emailVerifiedAt = if_not_exists(emailVerifiedAt, :now)",
        ConditionExpression: "kind = :user AND email = :email",
        ExpressionAttributeValues: { ":now": now.toISOString(), ":user": "user", ":email": email },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export type EmailChangeOutcome = "changed" | "taken" | "stale";

/**
 * Moves the account to `newEmail` in one transaction: the account item (still on `oldEmail`),
 * the old claim deleted (still this account's), the new claim created (still free). The new
 * address is confirmed by the link that got here. `taken` when another account claimed it
 * meanwhile; `stale` when the account or its email changed since the link was sent.
 */
export async function changeUserEmail(
  db: Database,
  input: { userId: string; oldEmail: string; newEmail: string },
  now = new Date(),
): Promise<EmailChangeOutcome> {
  const outcome = await transact(db, [
    {
      Update: {
        TableName: db.tables.Users,
        Key: { userId: input.userId },
        UpdateExpression: "SET email = :new, emailVerifiedAt = :now, updatedAt = :now",
        ConditionExpression: "kind = :user AND email = :old",
        ExpressionAttributeValues: {
          ":new": input.newEmail,
          ":old": input.oldEmail,
          ":now": now.toISOString(),
          ":user": "user",
        },
      },
    },
    {
      Delete: {
        TableName: db.tables.Users,
        Key: emailClaimKey(input.oldEmail),
        ConditionExpression: "ownerId = :owner",
        ExpressionAttributeValues: { ":owner": input.userId },
      },
    },
    {
      Put: {
        TableName: db.tables.Users,
        Item: { ...emailClaimKey(input.newEmail), kind: "email-claim", ownerId: input.userId },
        ConditionExpression: "attribute_not_exists(userId)",
      },
    },
  ]);
  if (outcome.committed) return "changed";
  return outcome.failed[2] ? "taken" : "stale";
}
