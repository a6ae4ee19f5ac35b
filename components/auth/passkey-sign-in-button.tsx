"use client";

import { useState } from "react";
import { passkeySignInAction, passkeySignInOptionsAction } from "@/app/(auth)/passkey-actions";
import { runCeremony } from "@/lib/passkeys/ceremony";
import type { ActionState } from "@/lib/server/action-state";

/**
 * "Sign in with a passkey": no email to type, the passkey names its account. The WebAuthn
 * library loads on click, never with the page.
 */
export function PasskeySignInButton({ callbackUrl }: { readonly callbackUrl?: string }) {
  const [state, setState] = useState<ActionState | null>(null);
  const [pending, setPending] = useState(false);

  async function signIn() {
    setPending(true);
    setState(null);
    const { startAuthentication } = await import("@simplewebauthn/browser");
    // A success redirects (the action throws Next's redirect); only refusals come back.
    const outcome = await runCeremony(
      {
        options: passkeySignInOptionsAction,
        authenticate: (optionsJSON) =>
          startAuthentication({
            optionsJSON: optionsJSON as Parameters<typeof startAuthentication>[0]["optionsJSON"],
          }),
        finish: passkeySignInAction,
        ...(callbackUrl && { fields: { callbackUrl } }),
      },
      "sign-in",
    );
    setState(outcome.ok ? null : outcome);
    setPending(false);
  }

  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={signIn}
        disabled={pending}
        aria-disabled={pending}
        className="min-h-11 rounded-md border border-line px-4 py-2 text-sm font-semibold disabled:opacity-60"
      >
        {pending ? "Waiting for your passkey…" : "Sign in with a passkey"}
      </button>
      {/* An alert, shown only on refusal: the password form's status stays the page's one. */}
      {state && !state.ok && (
        <p role="alert" className="text-sm text-danger">
          {state.message}
        </p>
      )}
    </div>
  );
}
