"use client";

import { type KeyboardEvent, useEffect, useReducer, useRef, useState } from "react";
import { ModalDialog } from "@/components/palette/modal-dialog";
import {
  announcement,
  initialPaletteState,
  type PaletteCommandId,
  type PaletteOption,
  paletteOptions,
  paletteReducer,
} from "@/components/palette/palette-state";
import { loadLibrarySearch, onLibraryIndexed } from "@/lib/search/load";
import type { LibrarySearch, SearchHit } from "@/lib/search/types";

/** Notes and tasks shown at most: the palette jumps, the notes page lists. */
const hitLimit = 8;
const listboxId = "palette-options";
const optionId = (option: PaletteOption) => `palette-option-${option.key}`;

/** The snippet with its matches marked. */
function Snippet({ hit }: { readonly hit: SearchHit }) {
  if (!hit.snippet) return null;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of hit.highlights) {
    if (start < at || end <= start) continue;
    parts.push(hit.snippet.slice(at, start));
    parts.push(
      <mark key={start} className="rounded-sm bg-accent/20 text-inherit">
        {hit.snippet.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  parts.push(hit.snippet.slice(at));
  return <span className="block truncate text-xs text-muted">{parts}</span>;
}

function OptionBody({ option }: { readonly option: PaletteOption }) {
  if (option.kind === "command") {
    return (
      <>
        <span className="min-w-0 flex-1 truncate">{option.command.label}</span>
        {option.command.shortcut && (
          <kbd className="shrink-0 rounded border border-line px-1.5 font-mono text-xs text-muted">
            {option.command.shortcut}
          </kbd>
        )}
      </>
    );
  }
  const { hit } = option;
  return (
    <>
      <span className="w-10 shrink-0 text-xs font-medium uppercase text-muted">
        {hit.kind === "note" ? "Note" : "Task"}
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium">{hit.title || "Untitled"}</span>
        <Snippet hit={hit} />
      </span>
    </>
  );
}

/**
 * The command palette: a combobox (WAI-ARIA 1.2 pattern, focus stays in the input and
 * aria-activedescendant names the active option) over notes, tasks and commands. State lives
 * in paletteReducer; this component wires it to the library search and the keys.
 */
export function CommandPalette({
  onClose,
  onCommand,
  onOpen,
}: {
  readonly onClose: () => void;
  readonly onCommand: (command: PaletteCommandId) => void;
  readonly onOpen: (href: string) => void;
}) {
  const [state, dispatch] = useReducer(paletteReducer, undefined, initialPaletteState);
  const [search, setSearch] = useState<LibrarySearch>();
  const options = paletteOptions(state);
  const active = options[state.active];

  useEffect(() => {
    let live = true;
    loadLibrarySearch().then(
      (loaded) => live && setSearch(loaded),
      () => live && dispatch({ type: "search-unavailable" }),
    );
    return () => {
      live = false;
    };
  }, []);

  // Searches at most once a frame, however fast the keys come.
  useEffect(() => {
    if (!search || !state.query.trim()) return;
    const query = state.query;
    const frame = requestAnimationFrame(() =>
      dispatch({ type: "results", query, hits: search.search(query, { limit: hitLimit }).hits }),
    );
    return () => cancelAnimationFrame(frame);
  }, [search, state.query]);

  // A sync landing while the palette is open: the same query again, over the changed library.
  const query = useRef(state.query);
  useEffect(() => {
    query.current = state.query;
  }, [state.query]);
  useEffect(() => {
    if (!search) return;
    return onLibraryIndexed(() => {
      const current = query.current;
      if (!current.trim()) return;
      const hits = search.search(current, { limit: hitLimit }).hits;
      dispatch({ type: "results", query: current, hits, refresh: true });
    });
  }, [search]);

  useEffect(() => {
    if (!active) return;
    document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const choose = (option: PaletteOption | undefined) => {
    if (!option) return;
    if (option.kind === "command") onCommand(option.command.id);
    else onOpen(option.hit.href);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const key = event.key;
    if ((event.ctrlKey || event.metaKey) && key.toLowerCase() === "k") {
      // The chord that opened it closes it (the document's listener must not reopen it).
      event.preventDefault();
      return onClose();
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.nativeEvent.isComposing) return;
    switch (key) {
      case "ArrowDown":
        dispatch({ type: "move", by: 1 });
        break;
      case "ArrowUp":
        dispatch({ type: "move", by: -1 });
        break;
      case "PageDown":
        dispatch({ type: "last" });
        break;
      case "PageUp":
        dispatch({ type: "first" });
        break;
      case "Enter":
        choose(active);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <ModalDialog label="Command palette" onClose={onClose} className="max-w-xl p-0">
      <div className="border-b border-line p-2">
        <label htmlFor="palette-input" className="sr-only">
          Find a note or task, or run a command
        </label>
        <input
          id="palette-input"
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={active ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          value={state.query}
          placeholder="Find a note or task, or run a command"
          onChange={(event) => dispatch({ type: "typed", query: event.target.value })}
          onKeyDown={onKeyDown}
          className="min-h-11 w-full rounded-md bg-transparent px-3 py-2 text-base outline-none"
        />
      </div>
      <div
        id={listboxId}
        role="listbox"
        aria-label="Notes, tasks and commands"
        className="max-h-[50vh] overflow-y-auto p-1"
      >
        {options.map((option, index) => (
          // Chosen with the keys from the input (aria-activedescendant) or a click.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys.
          <div
            key={option.key}
            id={optionId(option)}
            role="option"
            aria-selected={index === state.active}
            tabIndex={-1}
            // Focus stays in the input, which owns the keys.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            onMouseMove={() => index !== state.active && dispatch({ type: "point", index })}
            className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md px-3 py-1.5 text-sm aria-selected:bg-canvas aria-selected:outline aria-selected:outline-2 aria-selected:outline-accent"
          >
            <OptionBody option={option} />
          </div>
        ))}
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement(state)}
      </p>
    </ModalDialog>
  );
}
