"use server";

import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { homePath } from "@/lib/auth/config";
import { hashPassword } from "@/lib/auth/password";
import { safeCallbackUrl, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { signInAndRedirect } from "@/lib/auth/sign-in";
import { getDatabase } from "@/lib/db/runtime";
import { createUser } from "@/lib/db/users-repository";
import { assertWithinRateLimit } from "@/lib/server/rate-limits";
import { withVisitor } from "@/lib/server/with-user";

export const signUpAction = withVisitor(signUpSchema, async (input) => {
  // Each sign-up costs an Argon2 hash: limited per client address before hashing.
  await assertWithinRateLimit(getDatabase(), "signUps", clientAddress(await headers()));
  await createUser(getDatabase(), {
    email: input.email,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
  });
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
