"use client";

import { openPaletteEvent } from "@/lib/keyboard/shortcuts";

/**
 * The palette for people without a keyboard (a phone): the header's search button. The palette
 * itself stays in its lazy chunk; KeyboardShortcuts opens it on this event.
 */
export function OpenPaletteButton() {
  return (
    <button
      type="button"
      aria-label="Search and commands"
      aria-keyshortcuts="Control+K Meta+K"
      title="Search and commands (Ctrl+K)"
      onClick={() => window.dispatchEvent(new Event(openPaletteEvent))}
      className="grid min-h-11 min-w-11 place-items-center rounded-md text-muted hover:bg-canvas hover:text-ink"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="size-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <circle cx="8.5" cy="8.5" r="5.5" />
        <path d="m13 13 4.5 4.5" strokeLinecap="round" />
      </svg>
    </button>
  );
}
