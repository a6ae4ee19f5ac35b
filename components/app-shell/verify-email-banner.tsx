"use client";

import { useActionState } from "react";
import { resendVerificationAction } from "@/app/(app)/actions";

/**
 * Asks a signed-in person to confirm their address until they follow the mailed link: without
 * it, a forgotten password could not be reset. Not a status region: it is always there.
 */
export function VerifyEmailBanner({ email }: { readonly email: string }) {
  const [state, action, pending] = useActionState(resendVerificationAction, null);
  return (
    <aside
      aria-label="Confirm your email"
      className="border-b border-line bg-surface px-4 py-2 text-sm sm:px-6"
    >
      <form
        action={action}
        className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-1"
      >
        <span>
          Confirm your email address: follow the link we sent to <strong>{email}</strong>.
        </span>
        <button
          type="submit"
          disabled={pending}
          className="min-h-11 rounded-md px-2 font-medium text-accent underline underline-offset-4 disabled:opacity-60"
        >
          Send the link again
        </button>
        <span aria-live="polite" className={state?.ok === false ? "text-danger" : "text-muted"}>
          {state?.message}
        </span>
      </form>
    </aside>
  );
}
