import "server-only";
import { verifyPassword } from "@/lib/auth/password";
import {
  assertSignInAllowed,
  recordSignInFailure,
  type SignInAttempt,
} from "@/lib/auth/sign-in-limits";
import type { Database } from "@/lib/db/runtime";
import { getCredentialsByEmail, type User } from "@/lib/db/users-repository";

/**
 * The account whose email and password these are, or null. Refused (`rate_limited`) before any
 * Argon2 work once the attempt's allowance is spent; every wrong password spends it.
 */
export async function checkCredentials(
  db: Database,
  attempt: SignInAttempt,
  password: string,
  now = Date.now(),
): Promise<User | null> {
  await assertSignInAllowed(db, attempt, now);
  const credentials = await getCredentialsByEmail(db, attempt.email);
  // Runs for unknown emails too (against a dummy hash) so timing reveals nothing.
  const valid = await verifyPassword(credentials?.passwordHash, password);
  if (!valid || !credentials) {
    await recordSignInFailure(db, attempt, now);
    return null;
  }
  return credentials.user;
}
