import "server-only";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import nodemailer, { type Transporter } from "nodemailer";
import { Resource } from "sst/resource";
import { env, type MailConfig } from "@/lib/env";

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

interface Sender {
  readonly transport: Transporter;
  readonly from: string;
}

let cached: { config: MailConfig; sender: Sender } | undefined;

/** The linked `sst.aws.Email`'s identity: an address, or a domain we send from. */
function sesFrom(configured: string | undefined): string {
  if (configured) return configured;
  const linked = (Resource as unknown as Record<string, { sender?: string } | undefined>).Email;
  const identity = linked?.sender;
  if (!identity) throw new Error("No mail sender: link sst.aws.Email or set JOTBOARD_MAIL_FROM");
  return identity.includes("@") ? `Jotboard <${identity}>` : `Jotboard <no-reply@${identity}>`;
}

function sender(): Sender {
  const config = env().mail;
  if (cached && cached.config === config) return cached.sender;
  if (!config) {
    throw new Error(
      "Mail is not configured: start the app with `npm run dev`/`npm start` (local mail catcher) or deploy with sst (SES)",
    );
  }
  const made: Sender =
    config.kind === "smtp"
      ? // The local catcher: plain SMTP on loopback, no TLS to negotiate, no login.
        { transport: nodemailer.createTransport(config.url), from: config.from }
      : {
          transport: nodemailer.createTransport({
            SES: { sesClient: new SESv2Client({ region: env().region }), SendEmailCommand },
          }),
          from: sesFrom(config.from),
        };
  cached = { config, sender: made };
  return made;
}

/**
 * Sends one mail: plain text and simple HTML, no images, no tracking pixels, no link rewriting.
 * Resolves once the catcher (locally) or SES (on AWS) accepted it.
 */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const { transport, from } = sender();
  await transport.sendMail({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  });
}
