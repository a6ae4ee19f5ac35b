import type { Metadata } from "next";
import { PasskeySignInButton } from "@/components/auth/passkey-sign-in-button";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SignedOutCleanup } from "@/components/pwa/signed-out-cleanup";
import { redirectIfSignedIn } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  await redirectIfSignedIn(callbackUrl);
  return (
    <div className="space-y-6">
      {/* Nobody is signed in here: whatever this device kept is a past session's. */}
      <SignedOutCleanup />
      <h1 className="text-2xl font-semibold">Sign in to Jotboard</h1>
      <SignInForm callbackUrl={callbackUrl} />
      <PasskeySignInButton callbackUrl={callbackUrl} />
    </div>
  );
}
