import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { redirectIfSignedIn } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create account" };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function SignUpPage({ searchParams }: Props) {
  const { callbackUrl } = await searchParams;
  await redirectIfSignedIn(callbackUrl);
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">Create your Jotboard account</h1>
      <SignUpForm callbackUrl={callbackUrl} />
    </section>
  );
}
