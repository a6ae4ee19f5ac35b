import type { Metadata } from "next";
import Link from "next/link";
import { homePath } from "@/lib/auth/config";
import { safeCallbackUrl } from "@/lib/auth/schemas";

export const metadata: Metadata = { title: "Check your inbox" };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

/**
 * The one answer to every sign-up, new address or not (issue 15 §2). A new account is ready:
 * its owner signs in with the password just chosen and confirms the address whenever.
 */
export default async function CheckInboxPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  const next = safeCallbackUrl(callbackUrl, homePath);
  const signIn = `/signin?callbackUrl=${encodeURIComponent(next)}`;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Check your inbox</h1>
      <p>
        We sent a mail to the address you gave. If this is a new account, it is ready now: sign in
        with the password you just chose, and follow the link in the mail when you like to confirm
        your address.
      </p>
      <p className="text-muted text-sm">
        If the address already had an account, the mail says so and offers a way to reset its
        password.
      </p>
      <Link
        href={signIn}
        className="inline-flex min-h-11 items-center rounded-md bg-accent px-4 py-2 font-medium text-accent-ink"
      >
        Continue to sign in
      </Link>
    </section>
  );
}
