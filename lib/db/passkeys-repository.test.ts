/** Passkeys and their challenges against DynamoDB Local. */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addPasskey,
  consumeChallenge,
  deleteAllPasskeys,
  deletePasskey,
  getPasskey,
  listPasskeys,
  type Passkey,
  recordPasskeyUse,
  saveChallenge,
} from "@/lib/db/passkeys-repository";
import { createUser } from "@/lib/db/users-repository";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
});

async function newUserId(): Promise<string> {
  const user = await createUser(cloud.database, {
    email: `pk-${ulid().toLowerCase()}@example.test`,
    displayName: "",
    passwordHash: "x",
  });
  return user.userId;
}

function passkey(userId: string, overrides: Partial<Passkey> = {}): Passkey {
  return {
    userId,
    credentialId: ulid(),
    publicKey: "cHVibGljLWtleQ",
    counter: 0,
    transports: ["internal"],
    name: "Laptop",
    createdAt: new Date().toISOString(),
    deviceType: "singleDevice",
    backedUp: false,
    ...overrides,
  };
}

describe("passkeys repository", () => {
  it("adds, reads, lists (oldest first) and removes a person's passkeys", async () => {
    const userId = await newUserId();
    const first = passkey(userId, { createdAt: "2026-01-01T00:00:00.000Z", name: "Phone" });
    const second = passkey(userId, { createdAt: "2026-02-01T00:00:00.000Z" });
    await addPasskey(cloud.database, second);
    await addPasskey(cloud.database, first);
    expect(await getPasskey(cloud.database, userId, first.credentialId)).toEqual(first);
    expect((await listPasskeys(cloud.database, userId)).map((p) => p.name)).toEqual([
      "Phone",
      "Laptop",
    ]);

    expect(await deletePasskey(cloud.database, userId, first.credentialId)).toBe(true);
    expect(await deletePasskey(cloud.database, userId, first.credentialId)).toBe(false);
    expect(await listPasskeys(cloud.database, userId)).toEqual([second]);
  });

  it("stores a credential id once, and only for an existing account", async () => {
    const userId = await newUserId();
    const key = passkey(userId);
    await addPasskey(cloud.database, key);
    await expect(addPasskey(cloud.database, key)).rejects.toMatchObject({ code: "conflict" });
    await expect(addPasskey(cloud.database, passkey(`gone-${ulid()}`))).rejects.toMatchObject({
      code: "unauthorized",
    });
  });

  it("cannot remove another person's passkey", async () => {
    const alice = await newUserId();
    const bob = await newUserId();
    const hers = passkey(alice);
    await addPasskey(cloud.database, hers);
    expect(await deletePasskey(cloud.database, bob, hers.credentialId)).toBe(false);
    expect(await getPasskey(cloud.database, alice, hers.credentialId)).toEqual(hers);
  });

  it("records a use only against the counter it was checked with", async () => {
    const userId = await newUserId();
    const key = passkey(userId, { counter: 3 });
    await addPasskey(cloud.database, key);
    const at = new Date("2026-03-03T03:03:03.000Z");
    expect(await recordPasskeyUse(cloud.database, key, { counter: 4, backedUp: false, at })).toBe(
      true,
    );
    // A second sign-in checked against the same old counter (a replay racing) loses.
    expect(await recordPasskeyUse(cloud.database, key, { counter: 4, backedUp: false, at })).toBe(
      false,
    );
    expect(await getPasskey(cloud.database, userId, key.credentialId)).toMatchObject({
      counter: 4,
      lastUsedAt: at.toISOString(),
    });
  });

  it("deletes every passkey of an account", async () => {
    const userId = await newUserId();
    const other = await newUserId();
    for (let index = 0; index < 3; index++) await addPasskey(cloud.database, passkey(userId));
    await addPasskey(cloud.database, passkey(other));
    await deleteAllPasskeys(cloud.database, userId);
    expect(await listPasskeys(cloud.database, userId)).toEqual([]);
    expect(await listPasskeys(cloud.database, other)).toHaveLength(1);
  });
});

describe("passkey challenges", () => {
  const inFiveMinutes = () => new Date(Date.now() + 5 * 60_000);

  it("is consumed once, even by two racing answers", async () => {
    const challengeId = ulid();
    await saveChallenge(
      cloud.database,
      challengeId,
      { challenge: "abc", purpose: "authenticate" },
      inFiveMinutes(),
    );
    const answers = await Promise.all([
      consumeChallenge(cloud.database, challengeId, { purpose: "authenticate" }),
      consumeChallenge(cloud.database, challengeId, { purpose: "authenticate" }),
    ]);
    expect(answers.filter(Boolean)).toEqual([{ challenge: "abc", purpose: "authenticate" }]);
    expect(
      await consumeChallenge(cloud.database, challengeId, { purpose: "authenticate" }),
    ).toBeUndefined();
  });

  it("is refused once expired, even before TTL removes it", async () => {
    const challengeId = ulid();
    await saveChallenge(
      cloud.database,
      challengeId,
      { challenge: "abc", purpose: "authenticate" },
      new Date(Date.now() + 60_000),
    );
    const later = new Date(Date.now() + 120_000);
    expect(
      await consumeChallenge(cloud.database, challengeId, { purpose: "authenticate" }, later),
    ).toBeUndefined();
  });

  it("answers only its own purpose and person", async () => {
    const challengeId = ulid();
    const userId = await newUserId();
    await saveChallenge(
      cloud.database,
      challengeId,
      { challenge: "abc", purpose: "register", subjectUserId: userId },
      inFiveMinutes(),
    );
    expect(
      await consumeChallenge(cloud.database, challengeId, { purpose: "authenticate" }),
    ).toBeUndefined();
    expect(
      await consumeChallenge(cloud.database, challengeId, {
        purpose: "register",
        subjectUserId: "someone-else",
      }),
    ).toBeUndefined();
    expect(
      await consumeChallenge(cloud.database, challengeId, {
        purpose: "register",
        subjectUserId: userId,
      }),
    ).toEqual({ challenge: "abc", purpose: "register", subjectUserId: userId });
  });
});
