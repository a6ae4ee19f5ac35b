"use client";

import { type FormEvent, useState } from "react";
import {
  addPasskeyAction,
  passkeyRegistrationOptionsAction,
} from "@/app/(app)/settings/passkey-actions";
import { FormStatus } from "@/components/forms/form-status";
import { TextField } from "@/components/forms/text-field";
import { runCeremony } from "@/lib/passkeys/ceremony";
import type { ActionState } from "@/lib/server/action-state";

/** Adds a passkey of this device (or a phone, or a key); the WebAuthn library loads on submit. */
export function AddPasskeyForm() {
  const [state, setState] = useState<ActionState | null>(null);
  const [pending, setPending] = useState(false);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    setPending(true);
    setState(null);
    const { startRegistration } = await import("@simplewebauthn/browser");
    const outcome = await runCeremony(
      {
        options: passkeyRegistrationOptionsAction,
        authenticate: (optionsJSON) =>
          startRegistration({
            optionsJSON: optionsJSON as Parameters<typeof startRegistration>[0]["optionsJSON"],
          }),
        finish: addPasskeyAction,
        fields: { name },
      },
      "add",
    );
    setState(outcome);
    setPending(false);
    if (outcome.ok) form.reset();
  }

  return (
    <form onSubmit={add} className="space-y-3" noValidate>
      <TextField
        name="name"
        id="passkey-name"
        label="Name (optional)"
        hint="To tell your passkeys apart, e.g. “Work laptop”."
        maxLength={60}
        autoComplete="off"
        state={state}
      />
      <FormStatus state={state} />
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="min-h-11 rounded-md bg-accent px-4 py-2 text-sm font-semibold text-accent-ink disabled:opacity-60"
      >
        {pending ? "Waiting for your passkey…" : "Add a passkey"}
      </button>
    </form>
  );
}
