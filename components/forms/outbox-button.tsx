"use client";

import { useState } from "react";
import { readAnswer } from "@/lib/api/client";
import { type MutationRequest, sendOrQueue } from "@/lib/offline/sync";

interface OutboxButtonProps {
  readonly label: string;
  readonly busyLabel: string;
  /** Built on click, so client-made ids are fresh for each press. */
  readonly request: () => MutationRequest;
  readonly queuedMessage: string;
  readonly failureMessage: string;
  readonly onDone: () => void;
  readonly tone?: "primary" | "quiet";
}

/** A button whose change goes through the outbox: sent now when online, queued when not. */
export function OutboxButton({
  label,
  busyLabel,
  request,
  queuedMessage,
  failureMessage,
  onDone,
  tone = "quiet",
}: OutboxButtonProps) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  async function run() {
    setBusy(true);
    const result = await sendOrQueue(request());
    setBusy(false);
    if (result.queued) setMessage(queuedMessage);
    else if (result.response.ok) onDone();
    else {
      const answer = await readAnswer(result.response, null);
      setMessage((!answer.ok && answer.serverMessage) || failureMessage);
    }
  }

  const colours =
    tone === "primary"
      ? "bg-accent font-semibold text-accent-ink"
      : "border border-line bg-surface font-medium hover:bg-canvas";
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={run}
        disabled={busy}
        className={`min-h-11 rounded-md px-3 py-2 text-sm disabled:opacity-60 ${colours}`}
      >
        {busy ? busyLabel : label}
      </button>
      <p role="status" aria-live="polite" className="max-w-64 text-right text-xs text-muted">
        {message}
      </p>
    </div>
  );
}
