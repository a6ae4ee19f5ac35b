"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signUpAction } from "@/app/(auth)/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { EmailField, PasswordField, TextField } from "@/components/forms/text-field";

export function SignUpForm({ callbackUrl }: { readonly callbackUrl?: string }) {
  const [state, action] = useActionState(signUpAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <EmailField state={state} />
      <TextField
        name="displayName"
        label="Display name (optional)"
        autoComplete="name"
        maxLength={80}
        state={state}
      />
      <PasswordField
        autoComplete="new-password"
        minLength={8}
        hint="At least 8 characters, and not easy to guess: a few uncommon words work well."
        state={state}
      />
      <FormStatus state={state} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
        <Link href="/signin" className="text-sm text-accent underline underline-offset-4">
          Already have an account? Sign in
        </Link>
      </div>
    </form>
  );
}
