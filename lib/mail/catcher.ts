/**
 * The local cloud's mail catcher: an SMTP server on loopback (smtp-server) that keeps every
 * mail it is handed as one JSON file (parsed with mailparser) and prints one line per mail.
 * Nothing is relayed anywhere. The app reads the folder back at /dev/mail (lib/mail/mailbox.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { StoredMail } from "@/lib/mail/stored-mail";

export interface MailCatcher {
  /** smtp://127.0.0.1:<port>, for nodemailer. */
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
}

const loopback = "127.0.0.1";
// A mail larger than this is a bug, not a message: the catcher refuses it.
const maxBytes = 1024 * 1024;

export async function startMailCatcher(options: {
  readonly port: number;
  readonly dir: string;
  /** One line per mail; silent in test runs. */
  readonly log?: (line: string) => void;
}): Promise<MailCatcher> {
  mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    // Loopback only, no TLS and no login: it is a development inbox, not a relay.
    disabledCommands: ["AUTH", "STARTTLS"],
    size: maxBytes,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const receivedAt = new Date();
          const id = `${receivedAt.getTime()}-${randomBytes(4).toString("hex")}`;
          const mail: StoredMail = {
            id,
            receivedAt: receivedAt.toISOString(),
            from: parsed.from?.text ?? session.envelope.mailFrom?.toString() ?? "",
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
          };
          writeFileSync(path.join(options.dir, `${id}.json`), JSON.stringify(mail, null, 2));
          options.log?.(`mail: to ${mail.to.join(", ")}: ${mail.subject}`);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, loopback, () => {
      server.removeListener("error", reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `smtp://${loopback}:${port}`,
    dir: options.dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
