import type { Metadata } from "next";
import { LinkOutcome } from "@/components/auth/link-outcome";
import { verifyEmail } from "@/lib/accounts/verify-email";
import { homePath } from "@/lib/auth/config";
import { backends } from "@/lib/server/backends";

export const metadata: Metadata = { title: "Confirm your email" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

/**
 * Following the link confirms the address at once: whoever can open it reads that mailbox, so
 * a mail scanner opening it first confirms nothing false.
 */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const outcome = await verifyEmail(backends().db, typeof token === "string" ? token : "");
  if (outcome === "verified") {
    return (
      <LinkOutcome
        title="Email address confirmed"
        next={{ href: homePath, label: "Open Jotboard" }}
      >
        <p>Thank you. If you ever forget your password, a reset link will come to this address.</p>
      </LinkOutcome>
    );
  }
  return (
    <LinkOutcome
      title="This confirmation link cannot be used"
      next={{ href: homePath, label: "Open Jotboard" }}
    >
      <p>
        It was already used, it has expired, or the account now has another address. Signed in, the
        banner at the top of Jotboard can send a new link.
      </p>
    </LinkOutcome>
  );
}
