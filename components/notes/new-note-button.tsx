"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { ulid } from "ulid";
import { OutboxButton } from "@/components/forms/outbox-button";

/**
 * Creates an empty note with a client-made id and opens it. Works offline too: the note waits
 * in the outbox and is created once, whenever the connection returns.
 */
export function NewNoteButton() {
  const router = useRouter();
  const noteId = useRef("");
  return (
    <OutboxButton
      label="New note"
      busyLabel="Creating…"
      tone="primary"
      request={() => {
        noteId.current = ulid();
        return {
          method: "POST",
          url: "/api/notes",
          body: { noteId: noteId.current },
          label: "New note",
        };
      }}
      queuedMessage="Offline: the new note will be created when you are back online."
      failureMessage="The note could not be created."
      onDone={() => router.push(`/notes/${noteId.current}`)}
    />
  );
}
