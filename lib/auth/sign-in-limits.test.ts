import { beforeAll, describe, expect, it } from "vitest";
import { assertSignInAllowed, recordSignInFailure, signInLimits } from "@/lib/auth/sign-in-limits";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

describe("sign-in rate limits in DynamoDB", () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await createTestCloud();
  });

  // 10:05 inside the 10:00-10:15 window.
  const now = Date.UTC(2026, 10, 21, 10, 5);

  it("refuses the email after its failures, saying how long to wait", async () => {
    const attempt = { email: "limited@example.test", address: "198.51.100.1" };
    for (let failure = 0; failure < signInLimits.email; failure++) {
      await assertSignInAllowed(cloud.database, attempt, now);
      await recordSignInFailure(cloud.database, attempt, now);
    }
    await expect(assertSignInAllowed(cloud.database, attempt, now)).rejects.toMatchObject({
      code: "rate_limited",
      status: 429,
      message: "Too many attempts, try again in 10 minutes.",
      retryAfterSeconds: 600,
    });
    // Another email from another address is unaffected; the next window starts afresh.
    await expect(
      assertSignInAllowed(
        cloud.database,
        { email: "other@example.test", address: "198.51.100.2" },
        now,
      ),
    ).resolves.toBeUndefined();
    await expect(
      assertSignInAllowed(cloud.database, attempt, now + 15 * 60_000),
    ).resolves.toBeUndefined();
  });

  it("refuses an address that tries many emails", async () => {
    const address = "203.0.113.9";
    for (let failure = 0; failure < signInLimits.address; failure++) {
      await recordSignInFailure(
        cloud.database,
        { email: `e${failure}@example.test`, address },
        now,
      );
    }
    await expect(
      assertSignInAllowed(cloud.database, { email: "fresh@example.test", address }, now),
    ).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("counts concurrent failures exactly (atomic ADD)", async () => {
    const attempt = { email: "burst@example.test", address: "192.0.2.77" };
    await Promise.all(
      Array.from({ length: signInLimits.email }, () =>
        recordSignInFailure(cloud.database, attempt, now),
      ),
    );
    await expect(assertSignInAllowed(cloud.database, attempt, now)).rejects.toMatchObject({
      code: "rate_limited",
    });
  });
});
