import type { SearchHit } from "@/lib/search/types";

/** What the palette can run besides opening a note or a task. */
export type PaletteCommandId =
  | "new-note"
  | "new-task"
  | "go-notes"
  | "go-tasks"
  | "go-board"
  | "settings"
  | "show-shortcuts"
  | "sign-out";

export interface PaletteCommand {
  readonly id: PaletteCommandId;
  readonly label: string;
  /** Other words a person may type for it. */
  readonly keywords: readonly string[];
  /** The shortcut, shown beside it. */
  readonly shortcut?: string;
}

export const paletteCommands: readonly PaletteCommand[] = [
  { id: "new-note", label: "New note", keywords: ["create", "add", "write"], shortcut: "n" },
  { id: "new-task", label: "New task", keywords: ["create", "add", "todo"], shortcut: "t" },
  { id: "go-notes", label: "Go to notes", keywords: ["list", "open"], shortcut: "g n" },
  { id: "go-tasks", label: "Go to tasks", keywords: ["list", "todo"], shortcut: "g t" },
  { id: "go-board", label: "Go to board", keywords: ["kanban", "columns"], shortcut: "g b" },
  { id: "settings", label: "Settings", keywords: ["account", "password", "profile"] },
  { id: "show-shortcuts", label: "Keyboard shortcuts", keywords: ["help", "keys"], shortcut: "?" },
  { id: "sign-out", label: "Sign out", keywords: ["log out", "logout", "exit"] },
];

export type PaletteOption =
  | { readonly kind: "command"; readonly key: string; readonly command: PaletteCommand }
  | { readonly kind: "hit"; readonly key: string; readonly hit: SearchHit };

export interface PaletteState {
  readonly query: string;
  readonly commands: readonly PaletteCommand[];
  readonly hits: readonly SearchHit[];
  /** The query the hits answer; while it differs from `query`, a search is under way. */
  readonly hitsQuery: string;
  /** Whether the library search could not load (no replica yet): commands still work. */
  readonly searchUnavailable: boolean;
  /** Index into options(state); -1 when there is none. */
  readonly active: number;
}

export type PaletteAction =
  | { readonly type: "typed"; readonly query: string }
  | {
      readonly type: "results";
      readonly query: string;
      readonly hits: readonly SearchHit[];
      /** The same query again after the library changed: the active option stays put. */
      readonly refresh?: boolean;
    }
  | { readonly type: "search-unavailable" }
  | { readonly type: "move"; readonly by: 1 | -1 }
  | { readonly type: "first" }
  | { readonly type: "last" }
  | { readonly type: "point"; readonly index: number };

const normalize = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/** Commands where every word typed starts a word of the label or keywords (all for none). */
export function matchCommands(query: string): readonly PaletteCommand[] {
  const typed = normalize(query).split(" ").filter(Boolean);
  if (typed.length === 0) return paletteCommands;
  return paletteCommands.filter((command) => {
    const words = normalize([command.label, ...command.keywords].join(" ")).split(" ");
    return typed.every((prefix) => words.some((word) => word.startsWith(prefix)));
  });
}

export function initialPaletteState(): PaletteState {
  return {
    query: "",
    commands: paletteCommands,
    hits: [],
    hitsQuery: "",
    searchUnavailable: false,
    active: 0,
  };
}

/** The options in the order shown: notes and tasks first when searching, then commands. */
export function paletteOptions(state: PaletteState): PaletteOption[] {
  const hits = normalize(state.query) ? state.hits : [];
  return [
    ...hits.map((hit) => ({ kind: "hit" as const, key: `${hit.kind}-${hit.id}`, hit })),
    ...state.commands.map((command) => ({
      kind: "command" as const,
      key: `command-${command.id}`,
      command,
    })),
  ];
}

function withActive(state: PaletteState, active: number): PaletteState {
  const count = paletteOptions(state).length;
  return { ...state, active: count === 0 ? -1 : Math.min(Math.max(active, 0), count - 1) };
}

export function paletteReducer(state: PaletteState, action: PaletteAction): PaletteState {
  switch (action.type) {
    case "typed": {
      if (action.query === state.query) return state;
      // The earlier hits stay until this query's arrive (no flicker); the first option leads.
      const next = { ...state, query: action.query, commands: matchCommands(action.query) };
      return withActive(next, 0);
    }
    case "results": {
      // An answer to a query the person has since changed is dropped.
      if (action.query !== state.query) return state;
      const next = {
        ...state,
        hits: action.hits,
        hitsQuery: action.query,
        searchUnavailable: false,
      };
      const kept = action.refresh ? paletteOptions(state)[state.active]?.key : undefined;
      const at = kept ? paletteOptions(next).findIndex((option) => option.key === kept) : -1;
      return withActive(next, Math.max(at, 0));
    }
    case "search-unavailable":
      return { ...state, searchUnavailable: true, hits: [], hitsQuery: state.query };
    case "move": {
      const count = paletteOptions(state).length;
      if (count === 0) return { ...state, active: -1 };
      // Wraps around at both ends, as a listbox of a combobox may.
      const from = state.active < 0 ? (action.by > 0 ? -1 : count) : state.active;
      return { ...state, active: (from + action.by + count) % count };
    }
    case "first":
      return withActive(state, 0);
    case "last":
      return withActive(state, paletteOptions(state).length - 1);
    case "point":
      return withActive(state, action.index);
  }
}

/** Whether the options shown answer the current query (nothing is still on its way). */
export function isSettled(state: PaletteState): boolean {
  return !normalize(state.query) || state.searchUnavailable || state.hitsQuery === state.query;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What the live region says once the options answer the query. */
export function announcement(state: PaletteState): string {
  if (!isSettled(state)) return "";
  const hits = normalize(state.query) ? state.hits.length : 0;
  const commands = state.commands.length;
  if (hits + commands === 0) return "No matches";
  const parts = [
    ...(normalize(state.query) && !state.searchUnavailable
      ? [plural(hits, "note or task", "notes and tasks")]
      : []),
    plural(commands, "command", "commands"),
  ];
  const unavailable =
    state.searchUnavailable && normalize(state.query)
      ? " (notes and tasks can be searched once this device holds your library)"
      : "";
  return `${parts.join(", ")}${unavailable}`;
}
