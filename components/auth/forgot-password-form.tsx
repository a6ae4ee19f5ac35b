"use client";

import Link from "next/link";
import { useActionState } from "react";
import { forgotPasswordAction } from "@/app/(auth)/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { EmailField } from "@/components/forms/text-field";

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPasswordAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <EmailField state={state} />
      <FormStatus state={state} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SubmitButton pendingLabel="Sending…">Send a reset link</SubmitButton>
        <Link href="/signin" className="text-sm text-accent underline underline-offset-4">
          Back to sign in
        </Link>
      </div>
    </form>
  );
}
