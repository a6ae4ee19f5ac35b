"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { homePath } from "@/lib/auth/config";
import { safeCallbackUrl } from "@/lib/auth/schemas";
import { passkeySignInSchema } from "@/lib/passkeys/schemas";
import { startPasskeySignIn } from "@/lib/passkeys/service";
import { signInWithPasskeyAndRedirect } from "@/lib/passkeys/sign-in";
import { withVisitor } from "@/lib/server/with-user";

/** Step one of a passkey sign-in: a challenge for the browser's authenticator to sign. */
export const passkeySignInOptionsAction = withVisitor(z.object({}), async (_input, { db }) => {
  const { challengeId, options } = await startPasskeySignIn(db, await headers());
  return { ok: true, data: { challengeId, options } };
});

/** Step two: the signed answer, checked by the Auth.js "passkey" provider, then the session. */
export const passkeySignInAction = withVisitor(passkeySignInSchema, async (input) => {
  await signInWithPasskeyAndRedirect(input, safeCallbackUrl(input.callbackUrl, homePath));
});
