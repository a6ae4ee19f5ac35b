"use server";

import { z } from "zod";
import { signOutThisSession } from "@/lib/auth/session";
import { withUser } from "@/lib/server/with-user";

const signOutWithUser = withUser(z.object({}), async () => {
  await signOutThisSession("/?signed-out=1");
});

/** Form actions without state (a plain `<form action>`) receive only the form data. */
export async function signOutAction(formData: FormData): Promise<void> {
  await signOutWithUser(null, formData);
}
