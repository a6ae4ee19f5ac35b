/**
 * Issue 15 §2–4 against the local cloud and the real mail catcher: sign-up that reveals nothing,
 * verification, password reset, change of email.
 */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { confirmEmailChange, requestEmailChange } from "@/lib/accounts/email-change";
import { canResetWith, requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { signUp } from "@/lib/accounts/service";
import { verifyEmail } from "@/lib/accounts/verify-email";
import { verifyPassword } from "@/lib/auth/password";
import { createAccountToken } from "@/lib/db/account-tokens-repository";
import {
  getCredentialsByEmail,
  getEmailOwner,
  getPasswordHash,
  getUser,
} from "@/lib/db/users-repository";
import { readMailbox } from "@/lib/mail/mailbox";
import { rateLimits } from "@/lib/server/rate-limits";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";
import { mailsTo, tokenIn } from "@/lib/testing/mail";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
  for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
});

const password = "correct horse battery";
let addressCounter = 0;
/** A fresh client address each time, so these tests never meet the per-address limits. */
const headers = () =>
  new Headers({
    "x-forwarded-for": `198.51.${100 + (addressCounter++ % 100)}.${addressCounter % 250}`,
  });
const newEmail = (label = "r") => `${label}-${ulid().toLowerCase()}@example.test`;

async function account(email = newEmail()) {
  const user = await signUp(cloud.database, { email, displayName: "Rae", password }, headers());
  if (!user) throw new Error("no account made");
  return user;
}

describe("sign-up", () => {
  it("mails a new account a verification link that confirms the address once", async () => {
    const user = await account();
    expect(user.emailVerifiedAt).toBeUndefined();
    const [mail] = await mailsTo(cloud.env, user.email);
    expect(mail?.subject).toBe("Jotboard: confirm your email address");
    const token = tokenIn(mail);
    expect(await verifyEmail(cloud.database, token)).toBe("verified");
    expect((await getUser(cloud.database, user.userId))?.emailVerifiedAt).toBeDefined();
    expect(await verifyEmail(cloud.database, token)).toBe("refused");
  });

  it("answers a taken email the same way, changes nothing and mails the owner a reset link", async () => {
    const user = await account();
    const hash = await getPasswordHash(cloud.database, user.userId);
    const again = await signUp(
      cloud.database,
      { email: user.email, displayName: "Mallory", password: "a different long passphrase" },
      headers(),
    );
    expect(again).toBeUndefined();
    expect(await getPasswordHash(cloud.database, user.userId)).toBe(hash);
    const mails = await mailsTo(cloud.env, user.email, 2);
    const notice = mails.find((mail) => mail.subject.includes("someone tried to sign up"));
    expect(notice?.text).toContain("/reset-password?token=");
    expect(await canResetWith(cloud.database, tokenIn(notice))).toBe(true);
  });

  it("takes as long for a taken email as for a new one (rank test and effect size)", async () => {
    const taken = await account();
    const samples: Record<"new" | "taken", number[]> = { new: [], taken: [] };
    const run = async (kind: "new" | "taken") => {
      const email = kind === "new" ? newEmail("t") : taken.email;
      const started = performance.now();
      await signUp(cloud.database, { email, displayName: "", password }, headers());
      samples[kind].push(performance.now() - started);
    };
    // Interleaved (ABBA) so drift in machine load falls on both sides alike.
    for (let round = 0; round < 12; round++) {
      const order = round % 2 === 0 ? (["new", "taken"] as const) : (["taken", "new"] as const);
      for (const kind of order) await run(kind);
    }
    const { z, medianShift } = compare(samples.new, samples.taken);
    console.info(
      `sign-up timing: new median ${median(samples.new).toFixed(1)} ms, taken ${median(samples.taken).toFixed(1)} ms, Mann-Whitney z ${z.toFixed(2)}`,
    );
    expectIndistinguishable(z, medianShift);
  }, 120_000);
});

describe("password reset", () => {
  it("mails a single-use link; the new password ends every session; reuse is refused", async () => {
    const user = await account();
    const before = await getUser(cloud.database, user.userId);
    await requestPasswordReset(cloud.database, user.email, headers());
    const mail = (await mailsTo(cloud.env, user.email, 2)).find((m) =>
      m.subject.includes("reset your password"),
    );
    const token = tokenIn(mail);
    await expect(resetPassword(cloud.database, token, "password")).rejects.toMatchObject({
      fieldErrors: { newPassword: [expect.any(String)] },
    });
    // A refused password leaves the link usable.
    expect(await canResetWith(cloud.database, token)).toBe(true);
    const fresh = "lantern orchard seventy quiet";
    await expect(resetPassword(cloud.database, token, fresh)).resolves.toBe(user.email);
    const after = await getUser(cloud.database, user.userId);
    expect(after?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);
    expect(after?.emailVerifiedAt).toBeDefined();
    expect(await verifyPassword(await getPasswordHash(cloud.database, user.userId), fresh)).toBe(
      true,
    );
    await expect(resetPassword(cloud.database, token, "another fine passphrase")).rejects.toThrow(
      /already used or has expired/,
    );
  });

  it("refuses an expired link", async () => {
    const user = await account();
    const token = await createAccountToken(
      cloud.database,
      {
        purpose: "reset-password",
        subjectUserId: user.userId,
        email: user.email,
        ttlSeconds: 1800,
      },
      new Date(Date.now() - 31 * 60_000),
    );
    expect(await canResetWith(cloud.database, token)).toBe(false);
    await expect(
      resetPassword(cloud.database, token, "lantern orchard seventy quiet"),
    ).rejects.toThrow(/already used or has expired/);
  });

  it("answers an unknown address the same way, with a mail saying no account uses it", async () => {
    const email = newEmail("nobody");
    await requestPasswordReset(cloud.database, email, headers());
    const [mail] = await mailsTo(cloud.env, email);
    expect(mail?.subject).toBe("Jotboard: password reset requested");
    expect(mail?.text).not.toContain("token=");
  });

  it("limits resets per email and per client address with a clear 429", async () => {
    const email = newEmail("limit");
    for (let index = 0; index < rateLimits.passwordResetsPerEmail.limit; index++) {
      await requestPasswordReset(cloud.database, email, headers());
    }
    await expect(requestPasswordReset(cloud.database, email, headers())).rejects.toMatchObject({
      code: "rate_limited",
      status: 429,
      message: expect.stringMatching(/Too many reset links were asked for this address/),
    });
    const address = new Headers({ "x-forwarded-for": "203.0.113.77" });
    for (let index = 0; index < rateLimits.passwordResetsPerAddress.limit; index++) {
      await requestPasswordReset(cloud.database, newEmail("addr"), address);
    }
    await expect(
      requestPasswordReset(cloud.database, newEmail("addr"), address),
    ).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/from this network/),
    });
  }, 60_000);

  it("takes as long for an unknown address as for an account", async () => {
    const known = await account();
    const samples: Record<"known" | "unknown", number[]> = { known: [], unknown: [] };
    const run = async (kind: "known" | "unknown") => {
      // Each account may be asked 5 times an hour: a fresh one per known sample.
      const email = kind === "known" ? (await account()).email : newEmail("u");
      const started = performance.now();
      await requestPasswordReset(cloud.database, email, headers());
      samples[kind].push(performance.now() - started);
    };
    expect(known).toBeDefined();
    for (let round = 0; round < 12; round++) {
      const order =
        round % 2 === 0 ? (["known", "unknown"] as const) : (["unknown", "known"] as const);
      for (const kind of order) await run(kind);
    }
    const { z, medianShift } = compare(samples.known, samples.unknown);
    console.info(
      `reset timing: known median ${median(samples.known).toFixed(1)} ms, unknown ${median(samples.unknown).toFixed(1)} ms, Mann-Whitney z ${z.toFixed(2)}`,
    );
    expectIndistinguishable(z, medianShift);
  }, 180_000);
});

describe("change of email", () => {
  it("moves the account and both claims once the new address confirms; the old one is told", async () => {
    const user = await account();
    const target = newEmail("moved");
    const session = { userId: user.userId, email: user.email, displayName: user.displayName };
    await requestEmailChange(cloud.database, session, { newEmail: target, password }, headers());
    expect((await getUser(cloud.database, user.userId))?.email).toBe(user.email);
    const token = tokenIn((await mailsTo(cloud.env, target))[0]);
    await expect(confirmEmailChange(cloud.database, token)).resolves.toEqual({
      outcome: "changed",
      email: target,
    });
    const moved = await getUser(cloud.database, user.userId);
    expect(moved?.email).toBe(target);
    expect(moved?.emailVerifiedAt).toBeDefined();
    expect(await getEmailOwner(cloud.database, target)).toBe(user.userId);
    expect(await getEmailOwner(cloud.database, user.email)).toBeUndefined();
    expect((await getCredentialsByEmail(cloud.database, target))?.user.userId).toBe(user.userId);
    expect(await getCredentialsByEmail(cloud.database, user.email)).toBeUndefined();
    const notice = (await readMailbox(cloud.env.JOTBOARD_MAIL_DIR as string, user.email)).find(
      (mail) => mail.subject.includes("was changed"),
    );
    expect(notice?.text).toContain(target);
    await expect(confirmEmailChange(cloud.database, token)).resolves.toEqual({
      outcome: "refused",
    });
  });

  it("answers the same for a taken address, mails it instead, and changes nothing", async () => {
    const user = await account();
    const other = await account();
    const session = { userId: user.userId, email: user.email, displayName: user.displayName };
    await requestEmailChange(
      cloud.database,
      session,
      { newEmail: other.email, password },
      headers(),
    );
    const mails = await mailsTo(cloud.env, other.email, 2);
    expect(mails.some((mail) => mail.subject.includes("email change not possible"))).toBe(true);
    expect(mails.every((mail) => !mail.text.includes("/confirm-email"))).toBe(true);
    expect((await getUser(cloud.database, user.userId))?.email).toBe(user.email);
  });

  it("needs the current password", async () => {
    const user = await account();
    const session = { userId: user.userId, email: user.email, displayName: user.displayName };
    await expect(
      requestEmailChange(
        cloud.database,
        session,
        { newEmail: newEmail(), password: "not the password" },
        headers(),
      ),
    ).rejects.toMatchObject({ fieldErrors: { password: [expect.any(String)] } });
  });
});

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Mann-Whitney U (normal approximation) between two samples, and the shift of their medians
 * relative to the pooled median.
 */
function compare(a: readonly number[], b: readonly number[]) {
  const pooled = [
    ...a.map((value) => ({ value, from: "a" })),
    ...b.map((value) => ({ value, from: "b" })),
  ].sort((x, y) => x.value - y.value);
  let rankSumA = 0;
  pooled.forEach((entry, index) => {
    if (entry.from === "a") rankSumA += index + 1;
  });
  const u = rankSumA - (a.length * (a.length + 1)) / 2;
  const mean = (a.length * b.length) / 2;
  const sd = Math.sqrt((a.length * b.length * (a.length + b.length + 1)) / 12);
  const z = (u - mean) / sd;
  const medianShift = Math.abs(median(a) - median(b)) / median([...a, ...b]);
  return { z, medianShift };
}

/**
 * Refused only if the two sides differ both detectably (the rank test at p < 0.001, two-sided)
 * and materially (medians more than 20% apart): a gap an observer could use. Either alone is
 * noise on a shared machine.
 */
function expectIndistinguishable(z: number, medianShift: number) {
  expect({ detectable: Math.abs(z) > 3.29, material: medianShift > 0.2 }).not.toEqual({
    detectable: true,
    material: true,
  });
}
