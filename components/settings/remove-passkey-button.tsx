"use client";

import { useActionState, useState } from "react";
import { removePasskeyAction } from "@/app/(app)/settings/passkey-actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";

/** Removal asks once more: a removed passkey cannot sign in again, and may be the only one. */
export function RemovePasskeyButton({
  credentialId,
  name,
}: {
  readonly credentialId: string;
  readonly name: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(removePasskeyAction, null);
  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        aria-label={`Remove passkey “${name}”`}
        className="min-h-11 rounded-md border border-line px-3 py-2 text-sm"
      >
        Remove
      </button>
    );
  }
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="credentialId" value={credentialId} />
      <p className="text-sm">Remove “{name}”? It will no longer sign you in.</p>
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Removing…" tone="danger">
          Yes, remove it
        </SubmitButton>
        <button
          type="button"
          onClick={() => setConfirming(false)}
          className="min-h-11 rounded-md border border-line px-3 py-2 text-sm"
        >
          Keep it
        </button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
