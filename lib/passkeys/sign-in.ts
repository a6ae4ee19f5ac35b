import "server-only";
import { unstable_rethrow } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { AppError } from "@/lib/errors";

/** What a refused passkey sign-in says: the same whatever the cause, and what to do next. */
export const passkeyRefusedMessage =
  "This passkey was not accepted. It may have been removed from your account: sign in with your password instead.";

/** Signs in through the Auth.js "passkey" provider and redirects (by throwing, as Next does). */
export async function signInWithPasskeyAndRedirect(
  input: { challengeId: string; response: unknown },
  redirectTo: string,
): Promise<void> {
  try {
    await signIn("passkey", {
      challengeId: input.challengeId,
      response: JSON.stringify(input.response),
      redirectTo,
    });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AuthError && error.type === "CredentialsSignin") {
      throw new AppError("unauthorized", passkeyRefusedMessage);
    }
    throw error;
  }
}
