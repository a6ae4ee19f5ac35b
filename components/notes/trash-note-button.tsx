"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendOrQueue } from "@/lib/offline/sync";

/** Moves a note to the trash, through the outbox so it also works offline. */
export function TrashNoteButton({ noteId }: { readonly noteId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  async function trash() {
    setBusy(true);
    const result = await sendOrQueue({
      method: "DELETE",
      url: `/api/notes/${noteId}`,
      label: "Move a note to the trash",
    });
    setBusy(false);
    if (result.queued)
      setMessage("Offline: the note will move to the trash when you are back online.");
    else if (result.response.ok) router.push(`/notes?trashed=${noteId}`);
    else {
      const body = await result.response.json().catch(() => ({}));
      setMessage(body.error?.message ?? "The note could not be moved to the trash.");
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={trash}
        disabled={busy}
        className="min-h-11 rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium hover:bg-canvas disabled:opacity-60"
      >
        {busy ? "Moving…" : "Move to trash"}
      </button>
      <p role="status" aria-live="polite" className="max-w-64 text-right text-xs text-muted">
        {message}
      </p>
    </div>
  );
}
