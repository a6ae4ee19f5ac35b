"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/password-reset";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/accounts/schemas";
import { signUp } from "@/lib/accounts/service";
import { homePath } from "@/lib/auth/config";
import { safeCallbackUrl, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { signInAndRedirect } from "@/lib/auth/sign-in";
import { withVisitor } from "@/lib/server/with-user";

/**
 * Sign-up answers "check your inbox" whether or not the email had an account, and signs nobody
 * in: the new account signs in with its password from there (lib/accounts/service.ts says why).
 */
export const signUpAction = withVisitor(signUpSchema, async (input, { db }) => {
  await signUp(db, input, await headers());
  const callbackUrl = safeCallbackUrl(input.callbackUrl, homePath);
  redirect(`/signup/check-inbox?callbackUrl=${encodeURIComponent(callbackUrl)}`);
});

export const signInAction = withVisitor(signInSchema, async (input) => {
  await signInAndRedirect(
    input.email,
    input.password,
    safeCallbackUrl(input.callbackUrl, homePath),
  );
});

/** The same answer whether or not an account uses the address (a mail goes there either way). */
export const forgotPasswordAction = withVisitor(forgotPasswordSchema, async (input, { db }) => {
  await requestPasswordReset(db, input.email, await headers());
  return {
    ok: true,
    message: `Check your inbox: we sent a mail to ${input.email}. If an account uses this address, it has a link to choose a new password, good for 30 minutes.`,
  };
});

/** Sets the new password (every session ends), then signs this device in. */
export const resetPasswordAction = withVisitor(resetPasswordSchema, async (input, { db }) => {
  const email = await resetPassword(db, input.token, input.newPassword);
  await signInAndRedirect(email, input.newPassword, "/settings?changed=password");
});
