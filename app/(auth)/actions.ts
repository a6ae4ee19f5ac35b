"use server";

import { headers } from "next/headers";
import { signUp } from "@/lib/accounts/service";
import { homePath } from "@/lib/auth/config";
import { safeCallbackUrl, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { signInAndRedirect } from "@/lib/auth/sign-in";
import { withVisitor } from "@/lib/server/with-user";

export const signUpAction = withVisitor(signUpSchema, async (input, { db }) => {
  await signUp(db, input, await headers());
  await signInAndRedirect(
    input.email,
    input.password,
    safeCallbackUrl(input.callbackUrl, homePath),
  );
});

export const signInAction = withVisitor(signInSchema, async (input) => {
  await signInAndRedirect(
    input.email,
    input.password,
    safeCallbackUrl(input.callbackUrl, homePath),
  );
});
