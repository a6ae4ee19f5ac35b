/** Mailed single-use tokens against DynamoDB Local: stored hashed, expiring, used once. */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import {
  consumeAccountToken,
  createAccountToken,
  hashAccountToken,
  peekAccountToken,
} from "@/lib/db/account-tokens-repository";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
});

const input = () => ({
  purpose: "reset-password" as const,
  subjectUserId: ulid(),
  email: `t-${ulid().toLowerCase()}@example.test`,
  ttlSeconds: 1800,
});

describe("account tokens", () => {
  it("keeps only the SHA-256 of a 32-byte random token", async () => {
    const token = await createAccountToken(cloud.database, input());
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const raw = await cloud.database.client.send(
      new GetCommand({ TableName: cloud.database.tables.Users, Key: { userId: `token#${token}` } }),
    );
    expect(raw.Item).toBeUndefined();
    const hashed = await cloud.database.client.send(
      new GetCommand({
        TableName: cloud.database.tables.Users,
        Key: { userId: `token#${hashAccountToken(token)}` },
      }),
    );
    expect(hashed.Item).toMatchObject({ kind: "account-token", purpose: "reset-password" });
    expect(JSON.stringify(hashed.Item)).not.toContain(token);
    expect(hashAccountToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is used once: of two racing consumers exactly one succeeds", async () => {
    for (let round = 0; round < 10; round++) {
      const details = input();
      const token = await createAccountToken(cloud.database, details);
      const results = await Promise.all([
        consumeAccountToken(cloud.database, token, "reset-password"),
        consumeAccountToken(cloud.database, token, "reset-password"),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(results.find(Boolean)).toMatchObject({
        subjectUserId: details.subjectUserId,
        email: details.email,
      });
      expect(await consumeAccountToken(cloud.database, token, "reset-password")).toBeUndefined();
    }
  });

  it("refuses an expired token, one of another purpose, and malformed ones", async () => {
    const past = new Date(Date.now() - 31 * 60_000);
    const expired = await createAccountToken(cloud.database, input(), past);
    expect(await peekAccountToken(cloud.database, expired, "reset-password")).toBeUndefined();
    expect(await consumeAccountToken(cloud.database, expired, "reset-password")).toBeUndefined();

    const token = await createAccountToken(cloud.database, input());
    expect(await consumeAccountToken(cloud.database, token, "verify-email")).toBeUndefined();
    expect(await peekAccountToken(cloud.database, token, "reset-password")).toBeDefined();
    expect(await consumeAccountToken(cloud.database, token, "reset-password")).toBeDefined();

    expect(await consumeAccountToken(cloud.database, "nope", "reset-password")).toBeUndefined();
    expect(await peekAccountToken(cloud.database, `${token}x`, "reset-password")).toBeUndefined();
  });
});
