/**
 * The app's keyboard shortcuts: one list for the listener (lib/keyboard/keys.ts) and for the
 * dialog that shows them (`?`). Tiny on purpose: it is part of every signed-in page's first load.
 */
export type ShortcutCommand =
  | "open-palette"
  | "show-shortcuts"
  | "focus-search"
  | "new-note"
  | "new-task"
  | "go-notes"
  | "go-tasks"
  | "go-board";

export interface Shortcut {
  /** Keys as shown to a person: each entry is pressed in turn ("g" then "n"). */
  readonly keys: readonly string[];
  readonly description: string;
  readonly command: ShortcutCommand;
}

/** Single keys (no modifier) and what they do. */
export const singleKeys: Readonly<Record<string, ShortcutCommand>> = {
  "/": "focus-search",
  n: "new-note",
  t: "new-task",
  "?": "show-shortcuts",
};

/** The key that starts a sequence, and what its second key does. */
export const sequenceLeader = "g";
export const sequenceKeys: Readonly<Record<string, ShortcutCommand>> = {
  n: "go-notes",
  t: "go-tasks",
  b: "go-board",
};

export const shortcuts: readonly Shortcut[] = [
  {
    keys: ["Ctrl K"],
    description: "Open the command palette (⌘ K on a Mac)",
    command: "open-palette",
  },
  { keys: ["/"], description: "Search", command: "focus-search" },
  { keys: ["n"], description: "New note", command: "new-note" },
  { keys: ["t"], description: "New task", command: "new-task" },
  { keys: ["g", "n"], description: "Go to notes", command: "go-notes" },
  { keys: ["g", "t"], description: "Go to tasks", command: "go-tasks" },
  { keys: ["g", "b"], description: "Go to the board", command: "go-board" },
  { keys: ["?"], description: "Show keyboard shortcuts", command: "show-shortcuts" },
];

/** The window event that opens the palette without a keyboard (the header's search button). */
export const openPaletteEvent = "jotboard:open-palette";
