"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { trashBatchAnswer } from "@/lib/api/answers";
import { callApi } from "@/lib/api/client";

const wait = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * Empties the trash in bounded batches (each request deletes at most 50 notes), showing how
 * many are gone and how many are left; waits out the write limit (429) instead of failing.
 */
export function EmptyTrashButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  async function run() {
    if (!window.confirm("Delete every note in the trash for good? This cannot be undone.")) return;
    setBusy(true);
    let deleted = 0;
    try {
      for (;;) {
        const result = await callApi("/api/notes?trash=1", trashBatchAnswer, { method: "DELETE" });
        if (!result.ok && result.status === 429) {
          const seconds = result.retryAfterSeconds ?? 5;
          setMessage(`${deleted} deleted; pausing ${seconds} s (saving limit)…`);
          await wait(seconds);
          continue;
        }
        if (!result.ok) throw new Error(result.status === 0 ? undefined : result.serverMessage);
        const batch = result.data;
        deleted += batch.deleted;
        if (!batch.more) break;
        setMessage(`${deleted} deleted, ${batch.remaining} left…`);
      }
      setMessage(`${deleted} note${deleted === 1 ? "" : "s"} deleted for good.`);
      router.refresh();
    } catch (error) {
      const reason = error instanceof Error && error.message ? error.message : "Try again.";
      setMessage(`${deleted} deleted, then the trash could not be emptied: ${reason}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={run}
        disabled={busy}
        className="min-h-11 rounded-md bg-danger px-3 py-2 text-sm font-medium text-white disabled:opacity-60"
      >
        {busy ? "Emptying…" : "Empty trash"}
      </button>
      <p role="status" aria-live="polite" className="text-xs text-muted">
        {message}
      </p>
    </div>
  );
}
