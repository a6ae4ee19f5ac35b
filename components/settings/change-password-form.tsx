"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/app/(app)/settings/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { NewPasswordFields, PasswordField } from "@/components/forms/text-field";
import { changingOwnSession } from "@/lib/offline/device-data";

export function ChangePasswordForm({ email }: { readonly email: string }) {
  const [state, action] = useActionState(changePasswordAction, null);
  return (
    <form action={action} onSubmit={changingOwnSession} className="space-y-3" noValidate>
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <PasswordField name="currentPassword" label="Current password" state={state} />
      <NewPasswordFields
        hint="At least 8 characters. Signs you out everywhere else."
        state={state}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
