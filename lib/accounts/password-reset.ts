import "server-only";
import { appLink, linkLifetimes } from "@/lib/accounts/links";
import { clientAddress } from "@/lib/auth/client-address";
import { hashPassword } from "@/lib/auth/password";
import { assertStrongPassword } from "@/lib/auth/password-strength";
import {
  consumeAccountToken,
  createAccountToken,
  peekAccountToken,
} from "@/lib/db/account-tokens-repository";
import type { Database } from "@/lib/db/runtime";
import {
  changePasswordHash,
  getEmailOwner,
  getUser,
  markEmailVerified,
} from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send";
import { noAccountMail, resetPasswordMail } from "@/lib/mail/templates";
import { assertWithinRateLimit } from "@/lib/server/rate-limits";

/**
 * "Forgot password?": one mail to the address either way (a reset link if an account uses it,
 * else a note saying none does), so the answer, its timing and the work behind it do not tell
 * whether the address has an account. Limited per address and per client before any work.
 */
export async function requestPasswordReset(
  db: Database,
  email: string,
  headers: Headers,
): Promise<void> {
  await assertWithinRateLimit(db, "passwordResetsPerAddress", clientAddress(headers));
  await assertWithinRateLimit(db, "passwordResetsPerEmail", email);
  const ownerId = await getEmailOwner(db, email);
  if (!ownerId) {
    await sendMail(noAccountMail(email, appLink("/signup")));
    return;
  }
  await sendResetMail(db, ownerId, email, resetPasswordMail);
}

/** A reset link for the account that owns `email`, in the mail `compose` writes. */
export async function sendResetMail(
  db: Database,
  ownerId: string,
  email: string,
  compose: typeof resetPasswordMail,
): Promise<void> {
  const token = await createAccountToken(db, {
    purpose: "reset-password",
    subjectUserId: ownerId,
    email,
    ttlSeconds: linkLifetimes.resetPasswordMinutes * 60,
  });
  await sendMail(
    compose(email, appLink("/reset-password", token), linkLifetimes.resetPasswordMinutes),
  );
}

/** Whether a reset link can still be used (the page shows the form, or says why not). */
export async function canResetWith(db: Database, token: string): Promise<boolean> {
  return (await peekAccountToken(db, token, "reset-password")) !== undefined;
}

export function linkRefused(): AppError {
  return new AppError(
    "invalid",
    "This link was already used or has expired. Ask for a new one from the sign-in page.",
  );
}

/**
 * Sets a new password from a reset link: the strength check first (a refused password keeps
 * the link usable), then the link is used up (conditional delete: one success however many
 * tabs submit), the hash replaced and the session version bumped, which ends every session.
 * Following the link proves the mailbox, so the address counts as confirmed. Returns the
 * account's email, for signing this device in.
 */
export async function resetPassword(
  db: Database,
  token: string,
  newPassword: string,
): Promise<string> {
  const peeked = await peekAccountToken(db, token, "reset-password");
  const user = peeked && (await getUser(db, peeked.subjectUserId));
  if (!peeked || !user) throw linkRefused();
  assertStrongPassword("newPassword", newPassword, [user.email, user.displayName]);
  const passwordHash = await hashPassword(newPassword);
  const used = await consumeAccountToken(db, token, "reset-password");
  if (!used) throw linkRefused();
  await changePasswordHash(db, user.userId, passwordHash);
  if (used.email === user.email) await markEmailVerified(db, user.userId, user.email);
  return user.email;
}
