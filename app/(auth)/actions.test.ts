import { ulid } from "ulid";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "@/lib/db/users-repository";
import { rateLimits } from "@/lib/server/rate-limits";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

const request = vi.hoisted(() => ({ address: "203.0.113.9" }));
vi.mock("next/headers", async (original) => ({
  ...(await original<typeof import("next/headers")>()),
  headers: async () => new Headers({ "x-forwarded-for": request.address }),
}));

describe("sign-ups per client address", () => {
  let cloud: TestCloud;
  let signUpAction: typeof import("@/app/(auth)/actions").signUpAction;

  beforeAll(async () => {
    cloud = await createTestCloud();
    for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
    ({ signUpAction } = await import("@/app/(auth)/actions"));
  });

  it("refuses sign-ups past the limit with a human message, before hashing", async () => {
    // A taken email costs the hash like a new one (and answers alike): the limit comes first.
    const email = `taken-${ulid().toLowerCase()}@example.test`;
    await createUser(cloud.database, { email, displayName: "", passwordHash: "h" });
    const form = new FormData();
    for (const [key, value] of Object.entries({
      email,
      displayName: "Someone",
      password: "correct horse battery",
      confirmPassword: "correct horse battery",
    })) {
      form.append(key, value);
    }
    // Within the limit a taken email gets the same "check your inbox" redirect as a new one.
    for (let index = 0; index < rateLimits.signUps.limit; index++) {
      await expect(signUpAction(null, form)).rejects.toMatchObject({
        digest: expect.stringContaining("/signup/check-inbox"),
      });
    }
    const limited = await signUpAction(null, form);
    expect(limited).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /Too many accounts were made from this network; try again in \d+ minutes?/,
      ),
    });
    // Another address is not affected.
    request.address = "203.0.113.10";
    await expect(signUpAction(null, form)).rejects.toMatchObject({
      digest: expect.stringContaining("/signup/check-inbox"),
    });
  }, 120_000);
});
