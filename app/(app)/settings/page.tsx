import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ChangeEmailForm } from "@/components/settings/change-email-form";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { DisplayNameForm } from "@/components/settings/display-name-form";
import { PasskeysSection } from "@/components/settings/passkeys-section";
import { SignOutEverywhereForm } from "@/components/settings/sign-out-everywhere-form";
import { listPasskeySummaries } from "@/lib/passkeys/service";
import { requirePageContext } from "@/lib/server/page-context";

export const metadata: Metadata = { title: "Settings" };

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `${title.toLowerCase().replaceAll(" ", "-")}-heading`;
  return (
    <section
      aria-labelledby={id}
      className="space-y-4 rounded-xl border border-line bg-surface p-5"
    >
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ changed?: string }>;
}) {
  const { user, db } = await requirePageContext("/settings");
  const [{ changed }, passkeys] = await Promise.all([
    searchParams,
    listPasskeySummaries(db, user.userId),
  ]);
  return (
    <div className="max-w-xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-muted">Signed in as {user.email}</p>
        {changed === "password" && (
          <p role="status" className="text-sm text-success">
            Password changed. Other sessions were signed out.
          </p>
        )}
      </div>
      <Section title="Profile">
        <DisplayNameForm displayName={user.displayName} />
      </Section>
      <Section title="Email">
        <p className="text-sm text-muted">
          {user.email}
          {user.emailVerified === false ? " (not confirmed yet)" : ""}
        </p>
        <ChangeEmailForm />
      </Section>
      <Section title="Password">
        <ChangePasswordForm email={user.email} />
      </Section>
      <Section title="Passkeys">
        <PasskeysSection passkeys={passkeys} />
      </Section>
      <Section title="Sessions">
        <SignOutEverywhereForm />
      </Section>
      <Section title="Delete account">
        <DeleteAccountForm />
      </Section>
    </div>
  );
}
