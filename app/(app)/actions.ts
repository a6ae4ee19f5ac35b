"use server";

import { z } from "zod";
import { signOut } from "@/lib/auth/auth";
import { withUser } from "@/lib/server/with-user";

const signOutWithUser = withUser(z.object({}), async () => {
  await signOut({ redirectTo: "/?signed-out=1" });
});

/** Form actions without state (a plain `<form action>`) receive only the form data. */
export async function signOutAction(formData: FormData): Promise<void> {
  await signOutWithUser(null, formData);
}
