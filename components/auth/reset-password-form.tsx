"use client";

import { useActionState } from "react";
import { resetPasswordAction } from "@/app/(auth)/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { NewPasswordFields } from "@/components/forms/text-field";

export function ResetPasswordForm({ token }: { readonly token: string }) {
  const [state, action] = useActionState(resetPasswordAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields
        hint="At least 8 characters, hard to guess. Signs you out everywhere else."
        state={state}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}
