"use client";

import { useActionState } from "react";
import { resetPasswordAction } from "@/app/(auth)/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { PasswordField } from "@/components/forms/text-field";

export function ResetPasswordForm({ token }: { readonly token: string }) {
  const [state, action] = useActionState(resetPasswordAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <PasswordField
        name="newPassword"
        label="New password"
        autoComplete="new-password"
        minLength={8}
        hint="At least 8 characters, hard to guess. Signs you out everywhere else."
        state={state}
      />
      <PasswordField
        name="confirmPassword"
        label="Repeat the new password"
        autoComplete="new-password"
        state={state}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}
