import "server-only";
import { env } from "@/lib/env";
import { readMailbox } from "@/lib/mail/mailbox";
import type { StoredMail } from "@/lib/mail/stored-mail";

/**
 * The local catcher's mails for the dev mailbox page, or undefined anywhere but the local cloud
 * (the page is then a 404): on AWS there is no catcher and mail is people's own.
 */
export async function devMailbox(to?: string): Promise<StoredMail[] | undefined> {
  const config = env();
  if (config.cloud !== "local" || config.mail?.kind !== "smtp" || !config.mail.dir) {
    return undefined;
  }
  return readMailbox(config.mail.dir, to);
}
