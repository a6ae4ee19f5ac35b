import "server-only";
import { appLink, linkLifetimes } from "@/lib/accounts/links";
import { consumeAccountToken, createAccountToken } from "@/lib/db/account-tokens-repository";
import type { Database } from "@/lib/db/runtime";
import { getUser, markEmailVerified } from "@/lib/db/users-repository";
import { sendMail } from "@/lib/mail/send";
import { verifyEmailMail } from "@/lib/mail/templates";
import { isWithinRateLimit } from "@/lib/server/rate-limits";

/**
 * Mails a link confirming the account's address (after sign-up, or asked again from the app's
 * banner). Past the per-address mail limit nothing is sent and nothing is said: the caller's
 * answer is the same either way.
 */
export async function sendVerificationMail(
  db: Database,
  user: { userId: string; email: string },
): Promise<void> {
  if (!(await isWithinRateLimit(db, "accountMails", user.email))) return;
  const token = await createAccountToken(db, {
    purpose: "verify-email",
    subjectUserId: user.userId,
    email: user.email,
    ttlSeconds: linkLifetimes.verifyEmailHours * 3600,
  });
  await sendMail(
    verifyEmailMail(user.email, appLink("/verify-email", token), linkLifetimes.verifyEmailHours),
  );
}

/** The banner's "send it again": nothing to do for an address already confirmed. */
export async function resendVerification(db: Database, userId: string): Promise<void> {
  const user = await getUser(db, userId);
  if (!user || user.emailVerifiedAt) return;
  await sendVerificationMail(db, user);
}

export type VerifyOutcome = "verified" | "refused";

/**
 * Follows a verification link: used once; confirms the address only while the account still
 * has it. Anything else (used, expired, made up, address since changed) is one refusal.
 */
export async function verifyEmail(db: Database, token: string): Promise<VerifyOutcome> {
  const found = await consumeAccountToken(db, token, "verify-email");
  if (!found) return "refused";
  return (await markEmailVerified(db, found.subjectUserId, found.email)) ? "verified" : "refused";
}
