"use client";

import { useRouter } from "next/navigation";
import { OutboxButton } from "@/components/forms/outbox-button";

/** Moves a note to the trash, through the outbox so it also works offline. */
export function TrashNoteButton({ noteId }: { readonly noteId: string }) {
  const router = useRouter();
  return (
    <OutboxButton
      label="Move to trash"
      busyLabel="Moving…"
      request={() => ({
        method: "DELETE",
        url: `/api/notes/${noteId}`,
        label: "Move a note to the trash",
      })}
      queuedMessage="Offline: the note will move to the trash when you are back online."
      failureMessage="The note could not be moved to the trash."
      onDone={() => router.push(`/notes?trashed=${noteId}`)}
    />
  );
}
