import "server-only";
import { deleteAccount } from "@/lib/accounts/delete-account";
import { clientAddress } from "@/lib/auth/client-address";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-strength";
import type { SessionUser } from "@/lib/auth/session";
import { assertCurrentPassword } from "@/lib/auth/sign-in";
import type { Database } from "@/lib/db/runtime";
import {
  changePasswordHash,
  createUser,
  revokeSessions,
  type User,
  updateDisplayName,
} from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { assertWithinRateLimit } from "@/lib/server/rate-limits";
import type { Storage } from "@/lib/storage/runtime";

/**
 * Every account operation of the sign-up and settings forms. Signing in and out (Auth.js's
 * cookies and redirects) stays in the actions; what changes the account happens here.
 */

export async function signUp(
  db: Database,
  input: { email: string; displayName: string; password: string },
  headers: Headers,
): Promise<User> {
  // Each sign-up costs an Argon2 hash: limited per client address before hashing.
  await assertWithinRateLimit(db, "signUps", clientAddress(headers));
  assertStrongPassword("password", input.password, [input.email, input.displayName]);
  return createUser(db, {
    email: input.email,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
  });
}

/** A guessable new password is refused beside its field, with zxcvbn's reason (issue 15 §6). */
export function assertStrongPassword(field: string, password: string, personal: string[]): void {
  const problem = passwordProblem(password, personal);
  if (problem) throw new AppError("invalid", problem, { fieldErrors: { [field]: [problem] } });
}

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
