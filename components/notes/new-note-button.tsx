"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ulid } from "ulid";
import { sendOrQueue } from "@/lib/offline/sync";

/**
 * Creates an empty note with a client-made id and opens it. Works offline too: the note waits
 * in the outbox and is created once, whenever the connection returns.
 */
export function NewNoteButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  async function create() {
    setBusy(true);
    const noteId = ulid();
    const result = await sendOrQueue({
      method: "POST",
      url: "/api/notes",
      body: { noteId },
      label: "New note",
    });
    setBusy(false);
    if (result.queued) {
      setMessage("Offline: the new note will be created when you are back online.");
    } else if (result.response.ok) {
      router.push(`/notes/${noteId}`);
    } else {
      const body = await result.response.json().catch(() => ({}));
      setMessage(body.error?.message ?? "The note could not be created.");
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={create}
        disabled={busy}
        className="min-h-11 rounded-md bg-accent px-3 py-2 text-sm font-semibold text-accent-ink disabled:opacity-60"
      >
        {busy ? "Creating…" : "New note"}
      </button>
      <p role="status" aria-live="polite" className="max-w-64 text-right text-xs text-muted">
        {message}
      </p>
    </div>
  );
}
