"use client";

import { useState } from "react";
import { clearDoneFromReplica } from "@/lib/tasks/clear-done";
import type { TaskCard } from "@/lib/tasks/types";

const question = "Move every done task to Deleted tasks? You can restore them for 30 days.";

/** "Clear done tasks" on the replica's board: the changes go through the outbox (see clear-done.ts). */
export function ClearDoneButton({ done }: { readonly done: readonly TaskCard[] }) {
  const [message, setMessage] = useState<string>();
  return (
    <div className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={() => {
          if (!window.confirm(question)) return;
          setMessage(undefined);
          void clearDoneFromReplica(done).then(setMessage);
        }}
        className="min-h-11 rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium text-ink hover:bg-canvas"
      >
        Clear done tasks
      </button>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-danger">
        {message}
      </p>
    </div>
  );
}
