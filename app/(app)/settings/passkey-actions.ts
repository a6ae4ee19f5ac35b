"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { addPasskeySchema, removePasskeySchema } from "@/lib/passkeys/schemas";
import {
  finishPasskeyRegistration,
  removePasskey,
  startPasskeyRegistration,
} from "@/lib/passkeys/service";
import { withUser } from "@/lib/server/with-user";

/** Step one of adding a passkey: options (with a stored challenge) for the authenticator. */
export const passkeyRegistrationOptionsAction = withUser(
  z.object({}),
  async (_input, { user, db }) => {
    const { challengeId, options } = await startPasskeyRegistration(db, user, await headers());
    return { ok: true, data: { challengeId, options } };
  },
);

/** Step two: the authenticator's answer, verified and stored. */
export const addPasskeyAction = withUser(addPasskeySchema, async (input, { user, db }) => {
  const added = await finishPasskeyRegistration(db, user, await headers(), input);
  revalidatePath("/settings");
  return { ok: true, message: `Passkey “${added.name}” added.` };
});

export const removePasskeyAction = withUser(removePasskeySchema, async (input, { user, db }) => {
  await removePasskey(db, user.userId, input.credentialId);
  revalidatePath("/settings");
  return { ok: true, message: "Passkey removed." };
});
