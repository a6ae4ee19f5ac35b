import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { StoredMail } from "@/lib/mail/stored-mail";

/**
 * The local catcher's mails, newest first, optionally only those to one address. Used by the
 * dev mailbox page and by tests; the folder is the catcher's (JOTBOARD_MAIL_DIR).
 */
export async function readMailbox(dir: string, to?: string): Promise<StoredMail[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  const mails = await Promise.all(
    names.map(
      async (name) => JSON.parse(await readFile(path.join(dir, name), "utf8")) as StoredMail,
    ),
  );
  const wanted = to?.toLowerCase();
  return mails
    .filter((mail) => !wanted || mail.to.includes(wanted))
    .sort((a, b) => b.id.localeCompare(a.id, "en", { numeric: true }));
}
