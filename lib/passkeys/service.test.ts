/**
 * Passkey ceremonies end to end on the server, against DynamoDB Local, with a software
 * authenticator (lib/testing/soft-authenticator.ts) standing in for the browser's.
 */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createUser } from "@/lib/db/users-repository";
import { parseEnv } from "@/lib/env";
import { relyingParty } from "@/lib/passkeys/relying-party";
import {
  finishPasskeyRegistration,
  listPasskeySummaries,
  removePasskey,
  startPasskeyRegistration,
  startPasskeySignIn,
  verifyPasskeySignIn,
} from "@/lib/passkeys/service";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";
import { softAuthenticator } from "@/lib/testing/soft-authenticator";

let cloud: TestCloud;
const origin = "http://localhost:3000";
const headers = () => new Headers({ host: "localhost:3000", "x-forwarded-for": "198.51.100.9" });

beforeAll(async () => {
  cloud = await createTestCloud();
  for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
});

async function newUser(): Promise<SessionUser> {
  const email = `pk-${ulid().toLowerCase()}@example.test`;
  const user = await createUser(cloud.database, { email, displayName: "Pat", passwordHash: "x" });
  return { userId: user.userId, email, displayName: "Pat" };
}

/** A user with a passkey of a fresh software authenticator, added through the service. */
async function userWithPasskey() {
  const user = await newUser();
  const authenticator = softAuthenticator(origin);
  const { challengeId, options } = await startPasskeyRegistration(cloud.database, user, headers());
  await finishPasskeyRegistration(cloud.database, user, headers(), {
    challengeId,
    response: authenticator.register(options),
    name: "Laptop",
  });
  return { user, authenticator };
}

async function signIn(authenticator: ReturnType<typeof softAuthenticator>, counter?: number) {
  const { challengeId, options } = await startPasskeySignIn(cloud.database, headers());
  const response = authenticator.authenticate(options, { counter });
  return verifyPasskeySignIn(cloud.database, headers(), { challengeId, response });
}

describe("adding a passkey", () => {
  it("stores a verified credential under the user, listed without its key", async () => {
    const { user } = await userWithPasskey();
    const [listed, ...rest] = await listPasskeySummaries(cloud.database, user.userId);
    expect(rest).toEqual([]);
    expect(listed).toEqual({
      credentialId: expect.any(String),
      name: "Laptop",
      createdAt: expect.any(String),
    });
  });

  it("asks for a discoverable passkey whose user handle is the account", async () => {
    const user = await newUser();
    const { options } = await startPasskeyRegistration(cloud.database, user, headers());
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required" });
    expect(Buffer.from(options.user.id, "base64url").toString()).toBe(user.userId);
    expect(options.rp.id).toBe("localhost");
  });

  it("answers a challenge once, and only for the person it was made for", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const authenticator = softAuthenticator(origin);
    const { challengeId, options } = await startPasskeyRegistration(
      cloud.database,
      alice,
      headers(),
    );
    const response = authenticator.register(options);
    await expect(
      finishPasskeyRegistration(cloud.database, bob, headers(), {
        challengeId,
        response,
        name: "",
      }),
    ).rejects.toMatchObject({ code: "invalid" });
    await finishPasskeyRegistration(cloud.database, alice, headers(), {
      challengeId,
      response,
      name: "",
    });
    await expect(
      finishPasskeyRegistration(cloud.database, alice, headers(), {
        challengeId,
        response,
        name: "",
      }),
    ).rejects.toMatchObject({ message: "This passkey request has expired. Try again." });
    expect(await listPasskeySummaries(cloud.database, bob.userId)).toEqual([]);
    expect(await listPasskeySummaries(cloud.database, alice.userId)).toHaveLength(1);
  });

  it("refuses an answer made on another origin", async () => {
    const user = await newUser();
    const { challengeId, options } = await startPasskeyRegistration(
      cloud.database,
      user,
      headers(),
    );
    const response = softAuthenticator(origin).register(options, "http://localhost:9999");
    await expect(
      finishPasskeyRegistration(cloud.database, user, headers(), {
        challengeId,
        response,
        name: "",
      }),
    ).rejects.toMatchObject({ message: "This passkey could not be added. Try again." });
  });
});

describe("signing in with a passkey", () => {
  it("proves the account, and records the use", async () => {
    const { user, authenticator } = await userWithPasskey();
    expect((await signIn(authenticator))?.userId).toBe(user.userId);
    const [listed] = await listPasskeySummaries(cloud.database, user.userId);
    expect(listed?.lastUsedAt).toEqual(expect.any(String));
  });

  it("refuses a replayed answer: its challenge is spent", async () => {
    const { authenticator } = await userWithPasskey();
    const { challengeId, options } = await startPasskeySignIn(cloud.database, headers());
    const response = authenticator.authenticate(options);
    const input = { challengeId, response };
    expect(await verifyPasskeySignIn(cloud.database, headers(), input)).toBeDefined();
    expect(await verifyPasskeySignIn(cloud.database, headers(), input)).toBeUndefined();
  });

  it("refuses a counter that went backwards (a cloned authenticator)", async () => {
    const { authenticator } = await userWithPasskey();
    expect(await signIn(authenticator, 5)).toBeDefined();
    expect(await signIn(authenticator, 5)).toBeUndefined();
    expect(await signIn(authenticator, 6)).toBeDefined();
  });

  it("refuses an answer made on another origin", async () => {
    const { authenticator } = await userWithPasskey();
    const { challengeId, options } = await startPasskeySignIn(cloud.database, headers());
    const response = authenticator.authenticate(options, { at: "http://localhost:9999" });
    expect(
      await verifyPasskeySignIn(cloud.database, headers(), { challengeId, response }),
    ).toBeUndefined();
  });

  it("refuses a removed passkey; another person cannot remove it", async () => {
    const { user, authenticator } = await userWithPasskey();
    const bob = await newUser();
    const [listed] = await listPasskeySummaries(cloud.database, user.userId);
    const credentialId = listed?.credentialId ?? "";
    await expect(removePasskey(cloud.database, bob.userId, credentialId)).rejects.toMatchObject({
      code: "not_found",
      message: "This passkey does not exist.",
    });
    expect(await signIn(authenticator)).toBeDefined();
    await removePasskey(cloud.database, user.userId, credentialId);
    expect(await signIn(authenticator)).toBeUndefined();
  });
});

describe("relying party", () => {
  const local = parseEnv({
    JOTBOARD_CLOUD: "local",
    JOTBOARD_DYNAMODB_ENDPOINT: "http://127.0.0.1:1",
    JOTBOARD_S3_ENDPOINT: "http://127.0.0.1:2",
  });
  const listed = parseEnv({
    JOTBOARD_CLOUD: "aws",
    SST_RESOURCE_App: "{}",
    AUTH_SECRET: "x".repeat(32),
    JOTBOARD_ORIGINS: "https://jotboard.example, https://www.jotboard.example",
  });
  const from = (host: string, proto?: string) =>
    new Headers({ host, ...(proto && { "x-forwarded-proto": proto }) });

  it("locally, any port of localhost and nothing else", () => {
    expect(relyingParty(from("localhost:3280"), local)).toMatchObject({
      rpID: "localhost",
      origin: "http://localhost:3280",
    });
    expect(() => relyingParty(from("127.0.0.1:3280"), local)).toThrow(/cannot be used/);
    expect(() => relyingParty(from("evil.example"), local)).toThrow(/cannot be used/);
  });

  it("with JOTBOARD_ORIGINS, only those origins", () => {
    expect(relyingParty(from("jotboard.example", "https"), listed)).toMatchObject({
      rpID: "jotboard.example",
      origin: "https://jotboard.example",
    });
    expect(() => relyingParty(from("jotboard.example"), listed)).toThrow(/cannot be used/);
    expect(() => relyingParty(from("evil.example", "https"), listed)).toThrow(/cannot be used/);
  });
});
