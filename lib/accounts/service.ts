import "server-only";
import { deleteAccount } from "@/lib/accounts/delete-account";
import { sendResetMail } from "@/lib/accounts/password-reset";
import { sendVerificationMail } from "@/lib/accounts/verify-email";
import { clientAddress } from "@/lib/auth/client-address";
import { hashPassword } from "@/lib/auth/password";
import { assertStrongPassword } from "@/lib/auth/password-strength";
import type { SessionUser } from "@/lib/auth/session";
import { assertCurrentPassword } from "@/lib/auth/sign-in";
import type { Database } from "@/lib/db/runtime";
import {
  changePasswordHash,
  createUser,
  getEmailOwner,
  revokeSessions,
  type User,
  updateDisplayName,
} from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { signUpAttemptMail } from "@/lib/mail/templates";
import { assertWithinRateLimit, isWithinRateLimit } from "@/lib/server/rate-limits";
import type { Storage } from "@/lib/storage/runtime";

/**
 * Every account operation of the sign-up and settings forms. Signing in and out (Auth.js's
 * cookies and redirects) stays in the actions; what changes the account happens here.
 */

/**
 * Sign-up that does not tell whether the email has an account (issue 15 §2). Either way the
 * password is checked and hashed, one conditional write is tried and one mail goes out: a new
 * account gets a verification link; the owner of an existing one a note that someone tried,
 * with a reset link. The visitor sees "check your inbox" either way and is not signed in by
 * the answer (a session for new accounts only would be the very signal to hide): a new account
 * signs in with the password just chosen, at once. Returns the new account (tests), if any.
 */
export async function signUp(
  db: Database,
  input: { email: string; displayName: string; password: string },
  headers: Headers,
): Promise<User | undefined> {
  // Each sign-up costs an Argon2 hash: limited per client address before hashing.
  await assertWithinRateLimit(db, "signUps", clientAddress(headers));
  // Depends on what was typed only, never on the account: safe to answer beside the field.
  assertStrongPassword("password", input.password, [input.email, input.displayName]);
  const passwordHash = await hashPassword(input.password);
  let user: User;
  try {
    user = await createUser(db, {
      email: input.email,
      displayName: input.displayName,
      passwordHash,
    });
  } catch (error) {
    if (!(error instanceof AppError && error.fieldErrors?.email)) throw error;
    await tellOwnerOfSignUpAttempt(db, input.email);
    return undefined;
  }
  await sendVerificationMail(db, user);
  return user;
}

/** The owner of an address someone tried to sign up with: a mail with a reset link. */
async function tellOwnerOfSignUpAttempt(db: Database, email: string): Promise<void> {
  const ownerId = await getEmailOwner(db, email);
  if (!ownerId || !(await isWithinRateLimit(db, "accountMails", email))) return;
  await sendResetMail(db, ownerId, email, signUpAttemptMail);
}

/** A guessable new password is refused beside its field, with zxcvbn's reason (issue 15 §6). */
export async function setDisplayName(
  db: Database,
  userId: string,
  displayName: string,
): Promise<void> {
  await updateDisplayName(db, userId, displayName);
}

/** A new password, after the current one is checked; every session issued before ends. */
export async function changePassword(
  db: Database,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  headers: Headers,
): Promise<void> {
  await assertCurrentPassword(db, user, input.currentPassword, headers, "currentPassword");
  assertStrongPassword("newPassword", input.newPassword, [user.email, user.displayName]);
  await changePasswordHash(db, user.userId, await hashPassword(input.newPassword));
}

/** "Sign out everywhere": every session issued before now is refused from now on. */
export async function endAllSessions(db: Database, userId: string): Promise<void> {
  await revokeSessions(db, userId);
}

/** Deletes the account and everything in it, after its password is checked. */
export async function closeAccount(
  db: Database,
  storage: Storage,
  user: SessionUser,
  password: string,
  headers: Headers,
): Promise<void> {
  await assertCurrentPassword(db, user, password, headers, "password");
  await deleteAccount(db, storage, user);
}
