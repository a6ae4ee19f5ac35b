import Link from "next/link";
import { TrashNoteButton } from "@/components/notes/trash-note-button";

/** Back to the list, and (once the note exists) Move to trash. */
export function NoteHeader({ trashableNoteId }: { readonly trashableNoteId?: string }) {
  return (
    <div className="flex items-center gap-3">
      <Link href="/notes" className="text-sm text-accent underline underline-offset-4">
        All notes
      </Link>
      {trashableNoteId && (
        <div className="ml-auto">
          <TrashNoteButton noteId={trashableNoteId} />
        </div>
      )}
    </div>
  );
}
