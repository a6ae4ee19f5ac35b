"use client";

import { useRef } from "react";
import { signOutAction } from "@/app/(app)/actions";
import { CommandPalette } from "@/components/palette/command-palette";
import type { PaletteCommandId } from "@/components/palette/palette-state";
import { ShortcutsDialog } from "@/components/palette/shortcuts-dialog";
import { clearOfflineThenSubmit } from "@/components/pwa/clear-offline-then-submit";
import type { ShortcutCommand } from "@/lib/keyboard/shortcuts";

export type PaletteView = "palette" | "shortcuts";

export interface PaletteLayerProps {
  readonly view: PaletteView | undefined;
  readonly onClose: (restoreFocus?: boolean) => void;
  readonly onRun: (command: ShortcutCommand | PaletteCommandId) => void;
  readonly onShow: (view: PaletteView) => void;
  readonly onNavigate: (href: string) => void;
}

/**
 * Everything the keyboard opens (loaded lazily by KeyboardShortcuts): the command palette, the
 * shortcuts dialog, and the sign-out form the palette submits, the same one as the header's
 * Sign out button (the device's offline data is wiped first).
 */
export function PaletteLayer({ view, onClose, onRun, onShow, onNavigate }: PaletteLayerProps) {
  const signOut = useRef<HTMLFormElement>(null);

  const run = (command: PaletteCommandId) => {
    if (command === "show-shortcuts") return onShow("shortcuts");
    // Each command goes somewhere else (a page, the quick add): focus is theirs to set.
    onClose(false);
    if (command === "sign-out") signOut.current?.requestSubmit();
    else onRun(command);
  };

  const open = (href: string) => {
    onClose(false);
    onNavigate(href);
  };

  return (
    <>
      {view === "palette" && (
        <CommandPalette onClose={() => onClose()} onCommand={run} onOpen={open} />
      )}
      {view === "shortcuts" && <ShortcutsDialog onClose={() => onClose()} />}
      <form ref={signOut} action={signOutAction} onSubmit={clearOfflineThenSubmit} hidden />
    </>
  );
}
