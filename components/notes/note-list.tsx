"use client";

import { useEffect, useState } from "react";
import { NoteCard } from "@/components/notes/note-card";
import { callApi } from "@/lib/api/client";
import { notePageSchema } from "@/lib/api/schemas";
import type { NoteCard as NoteCardData, Page } from "@/lib/notes/types";
import { isOfflineStoreAvailable, rememberNotes } from "@/lib/offline/store";

interface NoteListProps {
  readonly initial: Page<NoteCardData>;
  /** The list's query without the cursor, e.g. "q=report&tag=work". */
  readonly query: string;
}

/**
 * The first page comes from the server render; "Load more" follows the opaque cursor. A fresh
 * server render (a refresh after Undo, a restore) replaces what is shown, or it would go stale.
 */
export function NoteList({ initial, query }: NoteListProps) {
  const [shown, setShown] = useState(initial);
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  if (shown !== initial) {
    setShown(initial);
    setItems(initial.items);
    setCursor(initial.nextCursor);
  }
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();

  // Keep what was seen for offline reading.
  useEffect(() => {
    if (isOfflineStoreAvailable()) void rememberNotes(items).catch(() => undefined);
  }, [items]);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(undefined);
    const result = await callApi(
      `/api/notes?${query}${query ? "&" : ""}cursor=${encodeURIComponent(cursor)}`,
      notePageSchema,
    );
    if (result.ok) {
      const page = result.data;
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } else {
      setError("More notes could not be loaded. Try again.");
    }
    setLoading(false);
  }

  return (
    <div className="space-y-4">
      {items.length === 0 && (
        // A search reads a bounded slice of the notes per request; more may match further on.
        <p className="text-sm text-muted">No match in the notes searched so far.</p>
      )}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((note) => (
          <li key={note.noteId}>
            <NoteCard note={note} />
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="text-sm text-danger">
        {error}
      </p>
      {cursor && (
        <button
          type="button"
          onClick={loadMore}
          disabled={loading}
          className="min-h-11 rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium disabled:opacity-60"
        >
          {loading ? "Loading…" : items.length === 0 ? "Keep searching" : "Load more"}
        </button>
      )}
    </div>
  );
}
