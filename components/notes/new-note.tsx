"use client";

import { useEffect, useState } from "react";
import { AttachmentsPanel } from "@/components/notes/attachments-panel";
import { NoteEditor } from "@/components/notes/note-editor";
import { NoteHeader } from "@/components/notes/note-header";
import { ulidPattern } from "@/lib/id-pattern";
import type { NoteFields } from "@/lib/offline/drafts";
import { ulid } from "@/lib/ulid";

/**
 * A note that does not exist yet, with a client-made id. The id rides in the URL's hash (never
 * sent, so the page still opens offline from the cache) to find its draft after a reload; the
 * URL becomes the note's own once it is created.
 */
export function NewNote({ prefill }: { readonly prefill?: Partial<NoteFields> }) {
  const [noteId, setNoteId] = useState<string>();
  const [created, setCreated] = useState(false);

  useEffect(() => {
    const fromHash = window.location.hash.slice(1);
    const id = ulidPattern.test(fromHash) ? fromHash : ulid();
    if (id !== fromHash) {
      const url = new URL(window.location.href);
      url.hash = id;
      window.history.replaceState(window.history.state, "", url);
    }
    setNoteId(id);
  }, []);

  return (
    <div className="space-y-8">
      <NoteHeader trashableNoteId={created && noteId ? noteId : undefined} />
      {noteId && (
        <>
          <NoteEditor
            noteId={noteId}
            initial={null}
            prefill={prefill}
            onCreated={() => {
              window.history.replaceState(window.history.state, "", `/notes/${noteId}`);
              setCreated(true);
            }}
          />
          <AttachmentsPanel noteId={noteId} initial={[]} />
        </>
      )}
    </div>
  );
}
