/**
 * The isolation matrix for issue 15's server actions (the JSON-route matrix is isolation.test.ts;
 * these forms take no ids): what Bob sends through the email-change, resend-verification,
 * forgot-password and reset actions never touches Alice's account, and aiming them at her
 * address answers exactly as for an address nobody uses.
 */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session";
import { createUser, getPasswordHash, getUser } from "@/lib/db/users-repository";
import { readMailbox } from "@/lib/mail/mailbox";
import type { FormAction } from "@/lib/server/action-state";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";
import { session } from "@/lib/testing/session-mock";

const request = vi.hoisted(() => ({ address: "203.0.113.40" }));
vi.mock("next/headers", async (original) => ({
  ...(await original<typeof import("next/headers")>()),
  headers: async () => new Headers({ "x-forwarded-for": request.address }),
}));

const password = "correct horse battery staple";
let cloud: TestCloud;
let alice: SessionUser;
let bob: SessionUser;
let actions: {
  requestEmailChange: FormAction;
  resendVerification: FormAction;
  forgotPassword: FormAction;
  resetPassword: FormAction;
};

async function person(name: string): Promise<SessionUser> {
  const email = `${name}-${ulid().toLowerCase()}@example.test`;
  const user = await createUser(cloud.database, {
    email,
    displayName: name,
    passwordHash: await hashPassword(password),
  });
  return { userId: user.userId, email, displayName: name };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

beforeAll(async () => {
  cloud = await createTestCloud();
  for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
  alice = await person("alice");
  bob = await person("bob");
  const app = await import("@/app/(app)/actions");
  const settings = await import("@/app/(app)/settings/actions");
  const auth = await import("@/app/(auth)/actions");
  actions = {
    requestEmailChange: settings.requestEmailChangeAction,
    resendVerification: app.resendVerificationAction,
    forgotPassword: auth.forgotPasswordAction,
    resetPassword: auth.resetPasswordAction,
  };
}, 60_000);

describe("account actions isolation", () => {
  it("Bob asking for Alice's address answers as for a free one and changes nothing of hers", async () => {
    const before = await getUser(cloud.database, alice.userId);
    session.user = bob;
    const free = `free-${ulid().toLowerCase()}@example.test`;
    const toFree = await actions.requestEmailChange(null, form({ newEmail: free, password }));
    const toAlice = await actions.requestEmailChange(
      null,
      form({ newEmail: alice.email, password }),
    );
    expect(toAlice).toEqual({ ...toFree, message: toFree.message?.replace(free, alice.email) });
    expect(await getUser(cloud.database, alice.userId)).toEqual(before);
    const aliceMail = await readMailbox(cloud.env.JOTBOARD_MAIL_DIR as string, alice.email);
    expect(aliceMail.every((mail) => !mail.text.includes("token="))).toBe(true);
  });

  it("Bob's resend goes to Bob only", async () => {
    session.user = bob;
    const state = await actions.resendVerification(null, form({}));
    expect(state).toMatchObject({ ok: true });
    await expect
      .poll(
        async () => (await readMailbox(cloud.env.JOTBOARD_MAIL_DIR as string, bob.email)).length,
      )
      .toBeGreaterThan(0);
    expect(await readMailbox(cloud.env.JOTBOARD_MAIL_DIR as string, alice.email)).toEqual(
      expect.not.arrayContaining([
        expect.objectContaining({ subject: expect.stringMatching(/confirm your email/) }),
      ]),
    );
  });

  it("forgot password answers Alice's address and an unknown one alike", async () => {
    session.user = null;
    const unknown = `nobody-${ulid().toLowerCase()}@example.test`;
    const forAlice = await actions.forgotPassword(null, form({ email: alice.email }));
    const forNobody = await actions.forgotPassword(null, form({ email: unknown }));
    expect(forAlice).toEqual({
      ...forNobody,
      message: forNobody.message?.replace(unknown, alice.email),
    });
  });

  it("a made-up reset token changes no one's password", async () => {
    session.user = null;
    const hash = await getPasswordHash(cloud.database, alice.userId);
    const state = await actions.resetPassword(
      null,
      form({
        token: "A".repeat(43),
        newPassword: "lantern orchard seventy quiet",
        confirmPassword: "lantern orchard seventy quiet",
      }),
    );
    expect(state).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already used or has expired/),
    });
    expect(await getPasswordHash(cloud.database, alice.userId)).toBe(hash);
  });
});
