"use client";

import { useActionState } from "react";
import { deleteAccountAction } from "@/app/(app)/settings/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { PasswordField } from "@/components/forms/text-field";
import { changingOwnSession } from "@/lib/offline/device-data";

export function DeleteAccountForm() {
  const [state, action] = useActionState(deleteAccountAction, null);
  return (
    // No wipe before sending: a mistyped password would cost this device its unsent changes.
    // Once the account is gone, the page it lands on wipes the device (SignedOutCleanup).
    <form action={action} onSubmit={changingOwnSession} className="space-y-3" noValidate>
      <p className="text-sm text-muted">
        Deletes your account and everything in it, for good. There is no undo.
      </p>
      <PasswordField id="delete-password" label="Your password, to confirm" state={state} />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Deleting…" tone="danger">
        Delete my account
      </SubmitButton>
    </form>
  );
}
