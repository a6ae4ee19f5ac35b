"use client";

import { useActionState } from "react";
import { requestEmailChangeAction } from "@/app/(app)/settings/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { EmailField, PasswordField } from "@/components/forms/text-field";

/** Asks for a new address; it takes effect once the link mailed there is followed. */
export function ChangeEmailForm() {
  const [state, action] = useActionState(requestEmailChangeAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <EmailField name="newEmail" label="New email address" autoComplete="off" state={state} />
      <PasswordField
        id="change-email-password"
        label="Password, to confirm the change"
        state={state}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Sending…">Change email</SubmitButton>
    </form>
  );
}
