import { expect } from "vitest";
import { readMailbox } from "@/lib/mail/mailbox";
import type { StoredMail } from "@/lib/mail/stored-mail";

/**
 * The mails the run's real SMTP catcher got for one address (newest first), waiting briefly:
 * the catcher files a mail just after it acknowledges it.
 */
export async function mailsTo(env: Readonly<Record<string, string>>, to: string, count = 1) {
  const dir = env.JOTBOARD_MAIL_DIR as string;
  let mails: StoredMail[] = [];
  await expect
    .poll(async () => {
      mails = await readMailbox(dir, to);
      return mails.length;
    })
    .toBeGreaterThanOrEqual(count);
  return mails;
}

/** The token of the link in a mail. */
export function tokenIn(mail: StoredMail | undefined): string {
  const token = /[?&]token=([\w-]{43})/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`No link with a token in: ${mail?.text}`);
  return token;
}
