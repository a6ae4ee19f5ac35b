"use client";

import Link from "next/link";
import { deleteNoteForeverAction, restoreNoteAction } from "@/app/(app)/notes/actions";
import { LocalTime } from "@/components/app-shell/local-time";
import { ActionButton } from "@/components/forms/action-button";
import { EmptyTrashButton } from "@/components/notes/empty-trash-button";
import type { NoteCard, Page } from "@/lib/notes/types";
import { usePullOnShow, useReplicaFallback, useReplicaQuery } from "@/lib/replica/hooks";
import { readNotes } from "@/lib/replica/store";
import { trashShown } from "@/lib/replica/views";

interface TrashListProps {
  /** The server's page of the trash; absent when the page left it to the replica. */
  readonly initial?: Page<NoteCard>;
  /** When the server drew the page (changes when it draws it again, e.g. after an action). */
  readonly rendered?: number;
}

/** The trash, from the replica once it is filled (redrawn on every change), else the server's. */
export function TrashList({ initial, rendered }: TrashListProps) {
  const replica = useReplicaQuery(() => readNotes({ trash: true, limit: trashShown + 1 }), []);
  useReplicaFallback(initial === undefined);
  usePullOnShow(rendered);
  const items = replica ? replica.slice(0, trashShown) : initial?.items;
  const more = replica ? replica.length > trashShown : Boolean(initial?.nextCursor);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Trash</h1>
        <Link href="/notes" className="text-sm text-accent underline underline-offset-4">
          Back to notes
        </Link>
        {items && items.length > 0 && (
          <div className="ml-auto">
            <EmptyTrashButton />
          </div>
        )}
      </div>
      <p className="text-sm text-muted">Notes in the trash are deleted for good after 30 days.</p>
      {more && (
        <p className="text-sm text-muted">
          Showing the {trashShown} most recently deleted notes; restore or delete them to see older
          ones.
        </p>
      )}
      {!items ? (
        <p className="text-sm text-muted">Loading the trash…</p>
      ) : items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-8 text-center text-muted">
          The trash is empty.
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
          {items.map((note) => (
            <li key={note.noteId} className="flex flex-wrap items-center gap-3 p-4">
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{note.title || "Untitled"}</p>
                {note.deletedAt && (
                  <p className="text-xs text-muted">
                    Deleted <LocalTime iso={note.deletedAt} />
                  </p>
                )}
              </div>
              <ActionButton
                action={restoreNoteAction}
                fields={{ noteId: note.noteId }}
                label="Restore"
                pendingLabel="Restoring…"
              />
              <ActionButton
                action={deleteNoteForeverAction}
                fields={{ noteId: note.noteId }}
                label="Delete for good"
                pendingLabel="Deleting…"
                tone="danger"
                confirm="Delete this note and its files for good?"
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
