"use client";

import { TrashedNoteBanner } from "@/components/notes/trashed-note-banner";
import { useReplicaQuery } from "@/lib/replica/hooks";
import { readNote } from "@/lib/replica/store";
import type { FormAction } from "@/lib/server/action-state";

interface ReplicaTrashedBannerProps {
  readonly restore: FormAction;
  /** The note named by `?trashed=`: offered for Undo only while the replica has it in the trash. */
  readonly candidate?: string;
  readonly listHref: string;
}

/** "Note moved to the trash" with Undo, asking the replica (not the server) where the note is. */
export function ReplicaTrashedBanner({ restore, candidate, listHref }: ReplicaTrashedBannerProps) {
  const trashed = useReplicaQuery(
    async () => Boolean(candidate && (await readNote(candidate))?.deletedAt),
    [candidate],
  );
  return (
    <TrashedNoteBanner
      restore={restore}
      noteId={trashed && candidate ? candidate : undefined}
      listHref={listHref}
    />
  );
}
