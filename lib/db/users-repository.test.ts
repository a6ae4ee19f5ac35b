import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import {
  changePasswordHash,
  createUser,
  deleteUser,
  emailClaimKey,
  getCredentialsByEmail,
  getSessionAccount,
  getUser,
  revokeSession,
  revokeSessions,
  updateDisplayName,
} from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let counter = 0;
const uniqueEmail = () => `person-${Date.now()}-${counter++}@example.test`;

describe("users repository on DynamoDB Local", () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await createTestCloud();
  });

  it("creates a user that can be found by id and by email", async () => {
    const email = uniqueEmail();
    const user = await createUser(cloud.database, {
      email,
      displayName: "Ada",
      passwordHash: "h1",
    });
    expect(user).toMatchObject({ email, displayName: "Ada", sessionVersion: 1 });
    expect(await getUser(cloud.database, user.userId)).toEqual(user);
    expect(await getCredentialsByEmail(cloud.database, email)).toEqual({
      user,
      passwordHash: "h1",
    });
    expect(await getCredentialsByEmail(cloud.database, `other-${email}`)).toBeUndefined();
  });

  it("refuses a second account with the same email", async () => {
    const email = uniqueEmail();
    await createUser(cloud.database, { email, displayName: "", passwordHash: "h" });
    const second = createUser(cloud.database, { email, displayName: "", passwordHash: "h" });
    await expect(second).rejects.toBeInstanceOf(AppError);
    await expect(second).rejects.toMatchObject({ code: "conflict", status: 409 });
  });

  it("creates exactly one account when many sign-ups race for one email", async () => {
    const email = uniqueEmail();
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, index) =>
        createUser(cloud.database, { email, displayName: `racer ${index}`, passwordHash: "h" }),
      ),
    );
    const created = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter(
      (result) => result.status === "rejected" && (result.reason as AppError).code === "conflict",
    );
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(24);
    const { Items } = await cloud.database.client.send(
      new QueryCommand({
        TableName: cloud.database.tables.Users,
        IndexName: "ByEmail",
        KeyConditionExpression: "email = :email",
        ExpressionAttributeValues: { ":email": email },
      }),
    );
    expect(Items).toHaveLength(1);
  });

  it("bumps the session version on a password change and on sign-out-everywhere", async () => {
    const user = await createUser(cloud.database, {
      email: uniqueEmail(),
      displayName: "",
      passwordHash: "old",
    });
    const changed = await changePasswordHash(cloud.database, user.userId, "new");
    expect(changed.sessionVersion).toBe(2);
    expect((await getCredentialsByEmail(cloud.database, user.email))?.passwordHash).toBe("new");
    expect((await revokeSessions(cloud.database, user.userId)).sessionVersion).toBe(3);
  });

  it("updates the display name, and refuses to touch a user that does not exist", async () => {
    const user = await createUser(cloud.database, {
      email: uniqueEmail(),
      displayName: "a",
      passwordHash: "h",
    });
    expect((await updateDisplayName(cloud.database, user.userId, "b")).displayName).toBe("b");
    await expect(updateDisplayName(cloud.database, "no-such-user", "x")).rejects.toMatchObject({
      code: "not_found",
    });
    const { Item } = await cloud.database.client.send(
      new GetCommand({ TableName: cloud.database.tables.Users, Key: { userId: "no-such-user" } }),
    );
    expect(Item).toBeUndefined();
  });

  it("deleting a user removes the account and frees the email", async () => {
    const email = uniqueEmail();
    const user = await createUser(cloud.database, { email, displayName: "", passwordHash: "h" });
    await deleteUser(cloud.database, user);
    expect(await getUser(cloud.database, user.userId)).toBeUndefined();
    const { Item } = await cloud.database.client.send(
      new GetCommand({ TableName: cloud.database.tables.Users, Key: emailClaimKey(email) }),
    );
    expect(Item).toBeUndefined();
    await expect(
      createUser(cloud.database, { email, displayName: "", passwordHash: "h" }),
    ).resolves.toBeDefined();
  });

  it("revokes one session alone, until a given time, read with the account in one request", async () => {
    const user = await createUser(cloud.database, {
      email: uniqueEmail(),
      displayName: "Sid",
      passwordHash: "h",
    });
    expect(await getSessionAccount(cloud.database, user.userId, "laptop")).toEqual({
      user,
      revoked: false,
    });
    const until = new Date("2026-12-21T10:00:00Z");
    await revokeSession(cloud.database, user.userId, "laptop", until);
    await revokeSession(cloud.database, user.userId, "laptop", until); // a repeat is harmless
    expect(await getSessionAccount(cloud.database, user.userId, "laptop")).toEqual({
      user,
      revoked: true,
    });
    expect(await getSessionAccount(cloud.database, user.userId, "phone")).toEqual({
      user,
      revoked: false,
    });
    // The revocation is the user's own: another account's session of the same id is untouched.
    const other = await createUser(cloud.database, {
      email: uniqueEmail(),
      displayName: "Other",
      passwordHash: "h",
    });
    expect(await getSessionAccount(cloud.database, other.userId, "laptop")).toMatchObject({
      revoked: false,
    });
    // TTL removes the revocation once every copy of the token has expired anyway.
    const { Item } = await cloud.database.client.send(
      new GetCommand({
        TableName: cloud.database.tables.Users,
        Key: { userId: `session#${user.userId}#laptop` },
      }),
    );
    expect(Item).toMatchObject({ kind: "revoked-session", expiresAt: until.getTime() / 1000 });
    expect(await getSessionAccount(cloud.database, "01NOSUCHUSER00000000000000", "x")).toEqual({
      user: undefined,
      revoked: false,
    });
  });
});
