"use client";

import { useEffect, useState } from "react";
import { NoteCard } from "@/components/notes/note-card";
import { notePageAnswer } from "@/lib/api/answers";
import { callApi } from "@/lib/api/client";
import type { NoteCard as NoteCardData, Page } from "@/lib/notes/types";
import { isOfflineStoreAvailable, rememberNotes } from "@/lib/offline/store";
import { usePullOnShow, useReplicaFallback, useReplicaQuery } from "@/lib/replica/hooks";
import { noteCardOf } from "@/lib/replica/records";
import { readNotes } from "@/lib/replica/store";

interface NoteListProps {
  /** The server's first page; absent when the page left the list to the replica. */
  readonly initial?: Page<NoteCardData>;
  /** The list's query without the cursor, e.g. "q=report&tag=work"; empty for all notes. */
  readonly query: string;
  readonly pageSize: number;
  /** When the server drew the page (changes when it draws it again, e.g. after an action). */
  readonly rendered?: number;
}

/**
 * All notes come from the device's replica once it is filled (issue 13 §2): in the server's list
 * order, "Load more" reads further in it, and every change in any tab or device redraws it.
 * Until then, and for a search (still answered by the server, until issue 14), the first page
 * comes from the server render and "Load more" follows the server's cursor.
 */
export function NoteList({ initial, query, pageSize, rendered }: NoteListProps) {
  const [limit, setLimit] = useState(pageSize);
  const fromReplica = query === "";
  const replica = useReplicaQuery(
    () => (fromReplica ? readNotes({ limit: limit + 1 }) : Promise.resolve(undefined)),
    [fromReplica, limit],
    // The list shown again (back from a note or the tasks) draws at once from its last read.
    fromReplica ? { key: `notes:${limit}`, kinds: ["notes"] } : undefined,
  );
  useReplicaFallback(initial === undefined);
  usePullOnShow(rendered);
  if (replica) {
    return (
      <NoteGrid
        items={replica.slice(0, limit).map(noteCardOf)}
        more={replica.length > limit}
        loading={false}
        loadMore={() => setLimit((shown) => shown + pageSize)}
      />
    );
  }
  if (!initial) return <p className="text-sm text-muted">Loading notes…</p>;
  return <ServerNoteList key={query} initial={initial} query={query} />;
}

/** The first page from the server render, then pages from the server's cursor. */
function ServerNoteList({ initial, query }: { initial: Page<NoteCardData>; query: string }) {
  const [shown, setShown] = useState(initial);
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  // A fresh server render (a refresh after Undo, a restore) replaces what is shown.
  if (shown !== initial) {
    setShown(initial);
    setItems(initial.items);
    setCursor(initial.nextCursor);
  }
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();

  // Keep what was seen for offline reading (the replica, once filled, keeps everything).
  useEffect(() => {
    if (isOfflineStoreAvailable()) void rememberNotes(items).catch(() => undefined);
  }, [items]);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(undefined);
    const result = await callApi(
      `/api/notes?${query}${query ? "&" : ""}cursor=${encodeURIComponent(cursor)}`,
      notePageAnswer,
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
    <NoteGrid
      items={items}
      more={Boolean(cursor)}
      loading={loading}
      loadMore={loadMore}
      error={error}
      // A search reads a bounded slice of the notes per request; more may match further on.
      emptyMessage={query ? "No match in the notes searched so far." : undefined}
    />
  );
}

interface NoteGridProps {
  readonly items: readonly NoteCardData[];
  readonly more: boolean;
  readonly loading: boolean;
  readonly loadMore: () => void;
  readonly error?: string;
  readonly emptyMessage?: string;
}

function NoteGrid({ items, more, loading, loadMore, error, emptyMessage }: NoteGridProps) {
  if (items.length === 0 && !more && !emptyMessage) {
    return (
      <p className="rounded-xl border border-dashed border-line p-8 text-center text-muted">
        No notes yet. Create your first one.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      {items.length === 0 && emptyMessage && <p className="text-sm text-muted">{emptyMessage}</p>}
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((note) => (
          // Cards off screen are not laid out until scrolled near: the first layout of 30 cards
          // was the longest task of the list's load on a phone profile. Kept in the
          // accessibility tree and find-in-page; 2 px of padding (taken back by the margin) keep
          // the card's focus ring inside the box, which this containment clips to.
          <li
            key={note.noteId}
            className="-m-0.5 p-0.5 [contain-intrinsic-size:auto_10rem] [content-visibility:auto]"
          >
            <NoteCard note={note} />
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="text-sm text-danger">
        {error}
      </p>
      {more && (
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
