"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signInAction } from "@/app/(auth)/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { EmailField, PasswordField } from "@/components/forms/text-field";

export function SignInForm({ callbackUrl }: { readonly callbackUrl?: string }) {
  const [state, action] = useActionState(signInAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <EmailField state={state} />
      <PasswordField state={state} />
      <Link href="/forgot-password" className="text-sm text-accent underline underline-offset-4">
        Forgot password?
      </Link>
      <FormStatus state={state} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
        <Link href="/signup" className="text-sm text-accent underline underline-offset-4">
          No account yet? Create one
        </Link>
      </div>
    </form>
  );
}
