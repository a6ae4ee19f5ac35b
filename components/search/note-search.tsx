"use client";

import { type ReactNode, useEffect, useState } from "react";
import { countLabel, SearchResults } from "@/components/search/search-results";
import { afterPageLoad } from "@/lib/client/after-page-load";
import { loadLibrarySearch } from "@/lib/search/load";
import { useLibrarySearch } from "@/lib/search/use-library-search";

/** One more than shown: "more than 30" is known without counting every hit. */
const limit = 31;

interface NoteSearchProps {
  /** The `?q=` the server answered, if any. */
  readonly initialQuery?: string;
  /** The `?tag=` of the server's list, kept when the form is submitted. */
  readonly tag?: string;
  /** The list shown when nothing is searched on the device (the server's or the replica's). */
  readonly children: ReactNode;
}

/**
 * The notes search box (issue 14 §1). With the whole library on this device, results come from
 * the replica's index as the person types (no Enter); without it (a first visit, no IndexedDB)
 * only the form's submit searches, on the server. The engine loads on focus, at the first
 * interaction, or 5 s after the page's load (lib/client/after-page-load.ts), never with the page:
 * at idle it landed in the page-load window (~11 KB gzip and the index build on the notes list).
 */
export function NoteSearch({ initialQuery = "", tag, children }: NoteSearchProps) {
  const [text, setText] = useState(initialQuery);
  const { outcome, ready } = useLibrarySearch(text, { limit });
  // The words the server answered (a submitted form, a shared address) show its answer; as soon
  // as the person types, the device answers.
  const live = ready && outcome !== undefined && text !== initialQuery;

  useEffect(() => afterPageLoad(() => void loadLibrarySearch().catch(() => undefined)), []);

  return (
    <>
      <search>
        {/* Enter still submits: the address then holds the search (back, reload, share). */}
        <form action="/notes" className="flex flex-wrap gap-2">
          <label htmlFor="note-search" className="sr-only">
            Search notes
          </label>
          <input
            id="note-search"
            name="q"
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onFocus={() => void loadLibrarySearch().catch(() => undefined)}
            placeholder="Search words or #tags"
            autoComplete="off"
            aria-controls="note-search-results"
            className="min-h-11 min-w-0 flex-1 rounded-md border border-line bg-surface px-3 py-2"
          />
          {tag && <input type="hidden" name="tag" value={tag} />}
          <button
            type="submit"
            className="min-h-11 rounded-md border border-line bg-surface px-4 text-sm font-medium"
          >
            Search
          </button>
        </form>
      </search>
      <div
        id="note-search-results"
        // The query whose results are on screen (the bench times keystroke → painted by it).
        data-answered={live ? outcome.query : ""}
        className={live ? "space-y-3" : "sr-only"}
      >
        <p role="status" aria-live="polite" className="text-sm text-muted">
          {live ? countLabel(outcome, limit) : ""}
        </p>
        {live && <SearchResults outcome={outcome} limit={limit} />}
      </div>
      {/* Kept mounted while searching: the list keeps its place and its loaded pages. */}
      <div hidden={live} className="space-y-6">
        {children}
      </div>
    </>
  );
}
