"use client";

import { useActionState } from "react";
import { updateDisplayNameAction } from "@/app/(app)/settings/actions";
import { FormStatus } from "@/components/forms/form-status";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";

export function DisplayNameForm({ displayName }: { readonly displayName: string }) {
  const [state, action] = useActionState(updateDisplayNameAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <TextField
        name="displayName"
        label="Display name"
        autoComplete="name"
        maxLength={80}
        defaultValue={displayName}
        state={state}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Saving…">Save name</SubmitButton>
    </form>
  );
}
