import type { Metadata } from "next";
import { LinkOutcome } from "@/components/auth/link-outcome";
import { confirmEmailChange } from "@/lib/accounts/email-change";
import { backends } from "@/lib/server/backends";

export const metadata: Metadata = { title: "Confirm your new email" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function ConfirmEmailPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const result = await confirmEmailChange(backends().db, typeof token === "string" ? token : "");
  const settings = { href: "/settings", label: "Open settings" };
  if (result.outcome === "changed") {
    return (
      <LinkOutcome title="Email address changed" next={settings}>
        <p>Your account now uses {result.email}. Sign in with it from now on.</p>
      </LinkOutcome>
    );
  }
  if (result.outcome === "taken") {
    return (
      <LinkOutcome title="This address is taken" next={settings}>
        <p>Another account started using this address meanwhile; your address did not change.</p>
      </LinkOutcome>
    );
  }
  return (
    <LinkOutcome title="This confirmation link cannot be used" next={settings}>
      <p>
        It was already used, or it is more than an hour old. Ask for the change again from settings.
      </p>
    </LinkOutcome>
  );
}
