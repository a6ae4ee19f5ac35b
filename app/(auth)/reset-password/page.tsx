import type { Metadata } from "next";
import { LinkOutcome } from "@/components/auth/link-outcome";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { canResetWith } from "@/lib/accounts/password-reset";
import { backends } from "@/lib/server/backends";

export const metadata: Metadata = { title: "Choose a new password" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

/** Opening the link uses nothing up: only submitting the form does (mail scanners open links). */
export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  if (!(await canResetWith(backends().db, value))) {
    return (
      <LinkOutcome
        title="This reset link cannot be used"
        next={{ href: "/forgot-password", label: "Ask for a new link" }}
      >
        <p>
          It was already used, or it is more than 30 minutes old. Each link works once: ask for a
          new one and use the newest mail.
        </p>
      </LinkOutcome>
    );
  }
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      <ResetPasswordForm token={value} />
    </section>
  );
}
