"use client";

import { useActionState, useEffect } from "react";
import { FormStatus } from "@/components/forms/form-status";
import type { FormAction } from "@/lib/server/action-state";

interface ActionButtonProps {
  readonly action: FormAction;
  readonly label: string;
  readonly pendingLabel: string;
  readonly fields?: Readonly<Record<string, string>>;
  readonly tone?: "primary" | "quiet" | "danger";
  /** Asks before running, for what cannot be undone. */
  readonly confirm?: string;
  /** A fuller name when several buttons share a label, e.g. one "Restore" per row. */
  readonly ariaLabel?: string;
}

const tones = {
  primary: "bg-accent text-accent-ink",
  quiet: "border border-line bg-surface text-ink hover:bg-canvas",
  danger: "bg-danger text-white",
} as const;

/** A one-click server action with its pending state and outcome shown in place. */
export function ActionButton({
  action,
  label,
  pendingLabel,
  fields = {},
  tone = "quiet",
  confirm,
  ariaLabel,
}: ActionButtonProps) {
  const [state, formAction, pending] = useActionState(action, null);
  // Views drawn from the device's replica learn what the action changed by pulling now, not
  // at the next poke (the live connection may not be up yet) or interval.
  useEffect(() => {
    if (state?.ok) void import("@/lib/replica/sync-engine").then(({ pullNow }) => pullNow());
  }, [state]);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
      className="inline-flex flex-col items-start gap-1"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        aria-label={ariaLabel}
        className={`min-h-11 rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60 ${tones[tone]}`}
      >
        {pending ? pendingLabel : label}
      </button>
      {state?.message && <FormStatus state={state} />}
    </form>
  );
}
