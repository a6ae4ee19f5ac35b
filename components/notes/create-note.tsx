"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ulid } from "ulid";
import { sendOrQueue } from "@/lib/offline/sync";

/**
 * Creates a note with a client-made id (so a retry or an offline replay cannot duplicate it)
 * and opens it; without a connection the note waits in the outbox.
 */
export function CreateNote({
  title,
  content,
}: {
  readonly title: string;
  readonly content: string;
}) {
  const router = useRouter();
  const started = useRef(false);
  const [message, setMessage] = useState("Creating your note…");

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const noteId = ulid();
    void sendOrQueue({
      method: "POST",
      url: "/api/notes",
      body: { noteId, title, content },
      label: `New note “${title || "Untitled"}”`,
    }).then(async (result) => {
      if (result.queued) {
        setMessage(
          "You are offline: the note is kept on this device and will be created when you are back online.",
        );
        return;
      }
      if (result.response.ok) router.replace(`/notes/${noteId}`);
      else {
        const body = await result.response.json().catch(() => ({}));
        setMessage(body.error?.message ?? "The note could not be created.");
      }
    });
  }, [router, title, content]);

  return (
    <p role="status" aria-live="polite" className="py-12 text-muted">
      {message}
    </p>
  );
}
