"use client";

import { TrashedNoteBanner } from "@/components/notes/trashed-note-banner";
import { useReplicaQuery } from "@/lib/replica/hooks";
import { readNote } from "@/lib/replica/store";
import type { FormAction } from "@/lib/server/action-state";

interface ReplicaTrashedBannerProps {
  readonly restore: FormAction;
  /** The note the server found in the trash (when it drew the list). */
  readonly noteId?: string;
  /** The note named by `?trashed=` (when the list draws from the replica): offered for Undo
   *  only while the replica has it in the trash. */
  readonly candidate?: string;
  readonly listHref: string;
}

/**
 * "Note moved to the trash" with Undo, asking the server or the replica where the note is. One
 * component either way: the page may switch from one to the other (the replica gets ready)
 * between the Undo and its answer, and the banner must keep that answer's message.
 */
export function ReplicaTrashedBanner({
  restore,
  noteId,
  candidate,
  listHref,
}: ReplicaTrashedBannerProps) {
  const trashed = useReplicaQuery(
    async () => Boolean(candidate && (await readNote(candidate))?.deletedAt),
    [candidate],
  );
  const shown = noteId ?? (trashed && candidate ? candidate : undefined);
  return <TrashedNoteBanner restore={restore} noteId={shown} listHref={listHref} />;
}
