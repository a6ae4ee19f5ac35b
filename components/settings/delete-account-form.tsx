"use client";

import { useActionState } from "react";
import { deleteAccountAction } from "@/app/(app)/settings/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { PasswordField } from "@/components/forms/text-field";
import { clearOfflineThenSubmit } from "@/components/pwa/clear-offline-then-submit";

export function DeleteAccountForm() {
  const [state, action] = useActionState(deleteAccountAction, null);
  return (
    <form action={action} onSubmit={clearOfflineThenSubmit} className="space-y-3" noValidate>
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
