"use server";

import { z } from "zod";
import { resendVerification } from "@/lib/accounts/verify-email";
import { signOutThisSession } from "@/lib/auth/session";
import { withUser } from "@/lib/server/with-user";

const signOutWithUser = withUser(z.object({}), async () => {
  await signOutThisSession("/?signed-out=1");
});

/** Form actions without state (a plain `<form action>`) receive only the form data. */
export async function signOutAction(formData: FormData): Promise<void> {
  await signOutWithUser(null, formData);
}

/** The verify banner's "send the link again" (limited per address like every account mail). */
export const resendVerificationAction = withUser(z.object({}), async (_input, { user, db }) => {
  await resendVerification(db, user.userId);
  return { ok: true, message: `Sent to ${user.email}: follow the link in it.` };
});
