import "server-only";
import { unstable_rethrow } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session";
import { signInAttempt } from "@/lib/auth/sign-in-attempt";
import {
  assertSignInAllowed,
  recordSignInFailure,
  tooManyAttempts,
} from "@/lib/auth/sign-in-limits";
import type { Database } from "@/lib/db/runtime";
import { getPasswordHash } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";

/** Signs in and redirects (by throwing, as Next does); turns refusals into form messages. */
export async function signInAndRedirect(email: string, password: string, redirectTo: string) {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AuthError && error.type === "CredentialsSignin") {
      const code = (error as AuthError & { code?: string }).code ?? "";
      const minutes = /^too_many_attempts:(\d+)$/.exec(code)?.[1];
      if (minutes) throw tooManyAttempts(Number(minutes) * 60);
      throw new AppError("unauthorized", "Wrong email or password.");
    }
    throw error;
  }
}

/**
 * Checks the signed-in user's password before a sensitive change, under the same rate limit as
 * sign-in so a stolen session cannot be used to guess it.
 */
export async function assertCurrentPassword(
  db: Database,
  user: SessionUser,
  password: string,
  headers: Headers,
  field: string,
): Promise<void> {
  const attempt = signInAttempt(headers, user.email);
  await assertSignInAllowed(db, attempt);
  if (!(await verifyPassword(await getPasswordHash(db, user.userId), password))) {
    await recordSignInFailure(db, attempt);
    throw new AppError("invalid", "That password is not right.", {
      fieldErrors: { [field]: ["That password is not right."] },
    });
  }
}
