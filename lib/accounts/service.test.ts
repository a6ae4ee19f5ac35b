/** The account operations behind the settings and sign-up forms, against the local cloud. */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  changePassword,
  closeAccount,
  endAllSessions,
  setDisplayName,
  signUp,
} from "@/lib/accounts/service";
import type { SessionUser } from "@/lib/auth/session";
import { getPasswordHash, getUser } from "@/lib/db/users-repository";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
  // The sign-up limit and the device cookie's key read the environment.
  for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
});

const password = "correct horse battery";
const headers = () => new Headers({ "x-forwarded-for": "198.51.100.7" });

async function newAccount(): Promise<SessionUser> {
  const email = `acct-${ulid().toLowerCase()}@example.test`;
  const user = await signUp(cloud.database, { email, displayName: "Ann", password }, headers());
  if (!user) throw new Error("sign-up made no account");
  return { userId: user.userId, email, displayName: user.displayName };
}

describe("accounts", () => {
  it("signs up with a hashed password; a taken email makes no account and changes nothing", async () => {
    const user = await newAccount();
    const hash = await getPasswordHash(cloud.database, user.userId);
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(
      signUp(
        cloud.database,
        { email: user.email, displayName: "", password: "another quite long passphrase" },
        headers(),
      ),
    ).resolves.toBeUndefined();
    expect(await getPasswordHash(cloud.database, user.userId)).toBe(hash);
  }, 60_000);

  it("refuses a guessable password at sign-up, beside the password field", async () => {
    const email = `weak-${ulid().toLowerCase()}@example.test`;
    for (const weak of ["password", "password123", email.split("@")[0] as string]) {
      await expect(
        signUp(cloud.database, { email, displayName: "", password: weak }, headers()),
      ).rejects.toMatchObject({
        code: "invalid",
        fieldErrors: { password: [expect.stringMatching(/less common/)] },
      });
    }
  }, 60_000);

  it("refuses a guessable new password, keeping the old one", async () => {
    const user = await newAccount();
    const hash = await getPasswordHash(cloud.database, user.userId);
    await expect(
      changePassword(
        cloud.database,
        user,
        { currentPassword: password, newPassword: "jotboard2024" },
        headers(),
      ),
    ).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { newPassword: [expect.stringMatching(/less common/)] },
    });
    expect(await getPasswordHash(cloud.database, user.userId)).toBe(hash);
  }, 60_000);

  it("saves a display name", async () => {
    const user = await newAccount();
    await setDisplayName(cloud.database, user.userId, "Ann B.");
    expect((await getUser(cloud.database, user.userId))?.displayName).toBe("Ann B.");
  }, 60_000);

  it("changes the password only with the current one, ending other sessions", async () => {
    const user = await newAccount();
    const before = await getUser(cloud.database, user.userId);
    const hash = await getPasswordHash(cloud.database, user.userId);
    await expect(
      changePassword(
        cloud.database,
        user,
        { currentPassword: "not it at all", newPassword: "another long password" },
        headers(),
      ),
    ).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { currentPassword: ["That password is not right."] },
    });
    expect(await getPasswordHash(cloud.database, user.userId)).toBe(hash);

    await changePassword(
      cloud.database,
      user,
      { currentPassword: password, newPassword: "another long password" },
      headers(),
    );
    expect(await getPasswordHash(cloud.database, user.userId)).not.toBe(hash);
    expect((await getUser(cloud.database, user.userId))?.sessionVersion).toBe(
      (before?.sessionVersion ?? 0) + 1,
    );
  }, 60_000);

  it("signs out everywhere by bumping the session version", async () => {
    const user = await newAccount();
    const before = (await getUser(cloud.database, user.userId))?.sessionVersion ?? 0;
    await endAllSessions(cloud.database, user.userId);
    expect((await getUser(cloud.database, user.userId))?.sessionVersion).toBe(before + 1);
  }, 60_000);

  it("closes an account only with its password", async () => {
    const user = await newAccount();
    await expect(
      closeAccount(cloud.database, cloud.storage, user, "not it at all", headers()),
    ).rejects.toMatchObject({ fieldErrors: { password: ["That password is not right."] } });
    expect(await getUser(cloud.database, user.userId)).toBeDefined();
    await closeAccount(cloud.database, cloud.storage, user, password, headers());
    expect(await getUser(cloud.database, user.userId)).toBeUndefined();
  }, 60_000);
});
