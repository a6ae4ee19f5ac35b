import "server-only";
import { appLink, linkLifetimes } from "@/lib/accounts/links";
import type { SessionUser } from "@/lib/auth/session";
import { assertCurrentPassword } from "@/lib/auth/sign-in";
import { consumeAccountToken, createAccountToken } from "@/lib/db/account-tokens-repository";
import type { Database } from "@/lib/db/runtime";
import { changeUserEmail, getEmailOwner, getUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send";
import { confirmNewEmailMail, emailChangedMail, emailTakenMail } from "@/lib/mail/templates";
import { assertWithinRateLimit, isWithinRateLimit } from "@/lib/server/rate-limits";

/**
 * Asks to move the account to `newEmail`, after the current password is checked: a link goes to
 * the new address and nothing changes until it is followed. When another account already uses
 * that address, the mail there says so instead; the person asking sees the same answer either
 * way, so settings cannot be used to probe which addresses have accounts.
 */
export async function requestEmailChange(
  db: Database,
  user: SessionUser,
  input: { newEmail: string; password: string },
  headers: Headers,
): Promise<void> {
  await assertCurrentPassword(db, user, input.password, headers, "password");
  if (input.newEmail === user.email) {
    throw new AppError("invalid", "That is already your address.", {
      fieldErrors: { newEmail: ["That is already your address."] },
    });
  }
  await assertWithinRateLimit(db, "emailChanges", user.userId);
  const ownerId = await getEmailOwner(db, input.newEmail);
  if (!(await isWithinRateLimit(db, "accountMails", input.newEmail))) return;
  if (ownerId) {
    await sendMail(emailTakenMail(input.newEmail));
    return;
  }
  const token = await createAccountToken(db, {
    purpose: "change-email",
    subjectUserId: user.userId,
    email: input.newEmail,
    ttlSeconds: linkLifetimes.changeEmailMinutes * 60,
  });
  await sendMail(
    confirmNewEmailMail(
      input.newEmail,
      appLink("/confirm-email", token),
      linkLifetimes.changeEmailMinutes,
    ),
  );
}

export type EmailChangeResult =
  | { readonly outcome: "changed"; readonly email: string }
  | { readonly outcome: "taken" | "refused" };

/**
 * Follows the confirmation link: used once; the account item and both email claims move in one
 * transaction (lib/db/users-repository.ts), then the old address is told where mail goes now.
 */
export async function confirmEmailChange(db: Database, token: string): Promise<EmailChangeResult> {
  const found = await consumeAccountToken(db, token, "change-email");
  const user = found && (await getUser(db, found.subjectUserId));
  if (!found || !user) return { outcome: "refused" };
  if (user.email === found.email) return { outcome: "changed", email: user.email };
  const outcome = await changeUserEmail(db, {
    userId: user.userId,
    oldEmail: user.email,
    newEmail: found.email,
  });
  if (outcome === "stale") return { outcome: "refused" };
  if (outcome === "taken") return { outcome };
  await sendMail(emailChangedMail(user.email, found.email));
  return { outcome, email: found.email };
}
