"use client";

import { useActionState } from "react";
import { signOutEverywhereAction } from "@/app/(app)/settings/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { clearOfflineThenSubmit } from "@/components/pwa/clear-offline-then-submit";

export function SignOutEverywhereForm() {
  const [state, action] = useActionState(signOutEverywhereAction, null);
  return (
    <form action={action} onSubmit={clearOfflineThenSubmit} className="space-y-3">
      <p className="text-sm text-muted">
        Ends every session of this account, on every device, including this one.
      </p>
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Signing out…">Sign out everywhere</SubmitButton>
    </form>
  );
}
