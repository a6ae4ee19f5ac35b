"use client";

import { useState } from "react";
import type { QueuedMutation } from "@/lib/offline/store";

interface SetAsideChangesProps {
  readonly changes: readonly QueuedMutation[];
  readonly onRetry: (id: string) => void;
  readonly onDiscard: (id: string) => void;
}

/**
 * Changes kept on the device instead of blocking the outbox: those the server failed on (500),
 * and those it refused or found in conflict while no open view could show it. Each with the
 * server's message, to send again or to drop for good.
 */
export function SetAsideChanges({ changes, onRetry, onDiscard }: SetAsideChangesProps) {
  const [open, setOpen] = useState(false);
  if (changes.length === 0) return null;
  const count = `${changes.length} change${changes.length === 1 ? "" : "s"} not sent`;
  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((current) => !current)}
        className="min-h-11 whitespace-nowrap rounded-full bg-danger px-2 py-1 text-xs font-medium text-white"
      >
        {count}
      </button>
      {open && (
        <section
          aria-label="Changes not sent"
          className="absolute right-0 top-full z-50 mt-1 w-80 space-y-3 rounded-md border border-line bg-surface p-3 text-sm shadow-lg"
        >
          <ul className="space-y-3">
            {changes.map((change) => (
              <li key={change.id} className="space-y-1">
                <p className="font-medium">{change.label}</p>
                <p className="text-muted">{change.setAside}</p>
                <div className="flex gap-2">
                  <button
                    type="button"
                    onClick={() => onRetry(change.id)}
                    aria-label={`Retry: ${change.label}`}
                    className="min-h-11 rounded-md border border-line px-3 font-medium hover:bg-canvas"
                  >
                    Retry
                  </button>
                  <button
                    type="button"
                    onClick={() => onDiscard(change.id)}
                    aria-label={`Discard: ${change.label}`}
                    className="min-h-11 rounded-md border border-line px-3 text-danger hover:bg-canvas"
                  >
                    Discard
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
