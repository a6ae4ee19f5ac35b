"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { deleteAccount } from "@/lib/accounts/delete-account";
import { signOut } from "@/lib/auth/auth";
import { hashPassword } from "@/lib/auth/password";
import {
  changePasswordSchema,
  confirmWithPasswordSchema,
  displayNameSchema,
} from "@/lib/auth/schemas";
import { assertCurrentPassword, signInAndRedirect } from "@/lib/auth/sign-in";
import { getDatabase } from "@/lib/db/runtime";
import { changePasswordHash, revokeSessions, updateDisplayName } from "@/lib/db/users-repository";
import { withUser } from "@/lib/server/with-user";
import { getStorage } from "@/lib/storage/runtime";

export const updateDisplayNameAction = withUser(displayNameSchema, async (input, { user }) => {
  await updateDisplayName(getDatabase(), user.userId, input.displayName);
  revalidatePath("/", "layout");
  return { ok: true, message: "Display name saved." };
});

export const changePasswordAction = withUser(changePasswordSchema, async (input, { user }) => {
  const db = getDatabase();
  await assertCurrentPassword(db, user, input.currentPassword, await headers(), "currentPassword");
  // Bumps the session version: every other session ends; this one is renewed just below.
  await changePasswordHash(db, user.userId, await hashPassword(input.newPassword));
  await signInAndRedirect(user.email, input.newPassword, "/settings?changed=password");
});

export const signOutEverywhereAction = withUser(z.object({}), async (_input, { user }) => {
  await revokeSessions(getDatabase(), user.userId);
  await signOut({ redirectTo: "/signin?signed-out=1" });
});

export const deleteAccountAction = withUser(confirmWithPasswordSchema, async (input, { user }) => {
  const db = getDatabase();
  await assertCurrentPassword(db, user, input.password, await headers(), "password");
  await deleteAccount(db, getStorage(), user);
  await signOut({ redirectTo: "/?signed-out=1&deleted=1" });
});
