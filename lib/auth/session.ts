import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { homePath } from "@/lib/auth/config";
import { safeCallbackUrl } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";

export interface SessionUser {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
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
