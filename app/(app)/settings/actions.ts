"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { requestEmailChange } from "@/lib/accounts/email-change";
import { changeEmailSchema } from "@/lib/accounts/schemas";
import {
  changePassword,
  closeAccount,
  endAllSessions,
  setDisplayName,
} from "@/lib/accounts/service";
import { signOut } from "@/lib/auth/auth";
import {
  changePasswordSchema,
  confirmWithPasswordSchema,
  displayNameSchema,
} from "@/lib/auth/schemas";
import { signInAndRedirect } from "@/lib/auth/sign-in";
import { withUser } from "@/lib/server/with-user";

export const updateDisplayNameAction = withUser(displayNameSchema, async (input, { user, db }) => {
  await setDisplayName(db, user.userId, input.displayName);
  revalidatePath("/", "layout");
  return { ok: true, message: "Display name saved." };
});

export const changePasswordAction = withUser(changePasswordSchema, async (input, { user, db }) => {
  // Bumps the session version: every other session ends; this one is renewed just below.
  await changePassword(db, user, input, await headers());
  await signInAndRedirect(user.email, input.newPassword, "/settings?changed=password");
});

export const signOutEverywhereAction = withUser(z.object({}), async (_input, { user, db }) => {
  await endAllSessions(db, user.userId);
  await signOut({ redirectTo: "/signin?signed-out=1" });
});

export const deleteAccountAction = withUser(
  confirmWithPasswordSchema,
  async (input, { user, db, storage }) => {
    await closeAccount(db, storage, user, input.password, await headers());
    await signOut({ redirectTo: "/?signed-out=1&deleted=1" });
  },
);

/** The same answer whether or not the new address has an account (the mail there differs). */
export const requestEmailChangeAction = withUser(changeEmailSchema, async (input, { user, db }) => {
  await requestEmailChange(db, user, input, await headers());
  return {
    ok: true,
    message: `We sent a link to ${input.newEmail}. Your address changes when you follow it (within an hour).`,
  };
});
