import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth, signOut } from "@/lib/auth/auth";
import { homePath, sessionMaxAgeSeconds } from "@/lib/auth/config";
import { safeCallbackUrl } from "@/lib/auth/schemas";
import { getDatabase } from "@/lib/db/runtime";
import { revokeSession } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";

export interface SessionUser {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  /** False until the account's email is confirmed by the mailed link (absent in test doubles). */
  readonly emailVerified?: boolean;
}

/**
 * The signed-in user of this request, or null. Throws `unavailable` when the session could not
 * be checked against the account, rather than trusting a possibly revoked token.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  if (!session.verified) {
    throw new AppError(
      "unavailable",
      "Your session could not be checked right now. Try again in a moment.",
    );
  }
  return {
    userId: session.user.id,
    email: session.user.email ?? "",
    displayName: session.user.name ?? "",
    emailVerified: session.emailVerified,
  };
});

/** For pages: the signed-in user, or a redirect to sign in that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For the sign-in and sign-up pages: someone already signed in goes straight on. */
export async function redirectIfSignedIn(callbackUrl: string | undefined): Promise<void> {
  if (await currentUser()) redirect(safeCallbackUrl(callbackUrl, homePath));
}

/**
 * Signs this session out for good, then clears its cookie and redirects: a saved copy of the
 * cookie is refused from now on, while the account's other sessions stay signed in.
 */
export async function signOutThisSession(redirectTo: string): Promise<void> {
  const session = await auth();
  if (session?.user?.id && session.sessionId) {
    const until = new Date(Date.now() + sessionMaxAgeSeconds * 1000);
    await revokeSession(getDatabase(), session.user.id, session.sessionId, until);
  }
  await signOut({ redirectTo });
}
