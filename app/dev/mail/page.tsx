import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { PublicPage } from "@/components/app-shell/public-page";
import { devMailbox } from "@/lib/mail/dev-mailbox";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

type Props = { searchParams: Promise<{ to?: string | string[] }> };

/** Links in plain text made clickable, nothing else interpreted (the text is shown as is). */
function withLinks(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, index) =>
    /^https?:\/\//.test(part) ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
      <a key={index} href={part} className="text-accent underline">
        {part}
      </a>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}

/**
 * Every mail the local catcher got (newest first; `?to=` for one address). Exists only on the
 * local cloud: anywhere else it is a 404. e2e tests read their links here.
 */
export default async function DevMailPage({ searchParams }: Props) {
  const { to } = await searchParams;
  const mails = await devMailbox(typeof to === "string" ? to : undefined);
  if (!mails) notFound();
  return (
    <PublicPage>
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Dev mailbox</h1>
        <p className="text-muted text-sm">
          Mails caught by the local SMTP server; nothing here was delivered anywhere.
        </p>
        {mails.length === 0 && <p>No mail yet.</p>}
        {mails.map((mail) => (
          <article
            key={mail.id}
            aria-labelledby={`mail-${mail.id}`}
            className="space-y-2 rounded-xl border border-line bg-surface p-4"
          >
            <h2 id={`mail-${mail.id}`} className="font-semibold">
              {mail.subject}
            </h2>
            <p className="text-muted text-sm">
              To {mail.to.join(", ")} · {mail.receivedAt}
            </p>
            <pre className="whitespace-pre-wrap break-words font-sans text-sm">
              {withLinks(mail.text)}
            </pre>
          </article>
        ))}
      </div>
    </PublicPage>
  );
}
