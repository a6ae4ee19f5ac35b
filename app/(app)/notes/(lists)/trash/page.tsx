import type { Metadata } from "next";
import Link from "next/link";
import { deleteNoteForeverAction, restoreNoteAction } from "@/app/(app)/notes/actions";
import { LocalTime } from "@/components/app-shell/local-time";
import { ActionButton } from "@/components/forms/action-button";
import { EmptyTrashButton } from "@/components/notes/empty-trash-button";
import { findNotes } from "@/lib/notes/service";
import { requirePageContext } from "@/lib/server/page-context";

export const metadata: Metadata = { title: "Trash" };

export default async function TrashPage() {
  const { user, db } = await requirePageContext("/notes/trash");
  const page = await findNotes(db, user.userId, { trash: true, limit: 100 });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Trash</h1>
        <Link href="/notes" className="text-sm text-accent underline underline-offset-4">
          Back to notes
        </Link>
        {page.items.length > 0 && (
          <div className="ml-auto">
            <EmptyTrashButton />
          </div>
        )}
      </div>
      <p className="text-sm text-muted">Notes in the trash are deleted for good after 30 days.</p>
      {page.nextCursor && (
        <p className="text-sm text-muted">
          Showing the 100 most recently deleted notes; restore or delete them to see older ones.
        </p>
      )}
      {page.items.length === 0 ? (
        <p className="rounded-xl border border-dashed border-line p-8 text-center text-muted">
          The trash is empty.
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
          {page.items.map((note) => (
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
