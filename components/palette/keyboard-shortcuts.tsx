"use client";

import { useRouter } from "next/navigation";
import { type ComponentType, useCallback, useEffect, useRef, useState } from "react";
import type { PaletteLayerProps, PaletteView } from "@/components/palette/palette-layer";
import type { PaletteCommandId } from "@/components/palette/palette-state";
import { initialKeyState, isTypingTarget, type KeyState, keyStep } from "@/lib/keyboard/keys";
import { openPaletteEvent, type ShortcutCommand } from "@/lib/keyboard/shortcuts";

/** The palette and the shortcuts dialog: their own chunk, fetched on first use. */
const loadLayer = () =>
  import("@/components/palette/palette-layer").then((module) => module.PaletteLayer);

const routes = {
  "go-notes": "/notes",
  "go-tasks": "/tasks",
  "go-board": "/tasks/board",
  settings: "/settings",
  "new-note": "/notes/new",
} as const;

function dialogIsOpen(): boolean {
  return document.querySelector("dialog[open], [aria-modal='true']") !== null;
}

/** The page's own search field, when it has one (the notes list). */
function pageSearchField(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>(
    "main search input:not([type=hidden]), main input[type=search]",
  );
}

/**
 * Focuses the element with this id as soon as it is on the page and can take focus (the next
 * page may still be rendering, a closing dialog may still hold the page inert), giving up after
 * a few seconds.
 */
function focusWhenShown(id: string) {
  const focus = () => {
    const element = document.getElementById(id);
    element?.focus();
    return element !== null && document.activeElement === element;
  };
  if (focus()) return;
  const observer = new MutationObserver(() => {
    if (focus()) stop();
  });
  const timer = setTimeout(() => stop(), 5_000);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
}

/**
 * The signed-in app's keyboard: shortcuts (lib/keyboard/shortcuts.ts) and Ctrl/Cmd+K for the
 * command palette. Only this listener is in the first load; the palette, its search and the
 * shortcuts dialog are one lazy chunk fetched the first time one of them opens.
 */
export function KeyboardShortcuts() {
  const router = useRouter();
  const [Layer, setLayer] = useState<ComponentType<PaletteLayerProps>>();
  const [view, setView] = useState<PaletteView>();
  // The open view for the key handler, which must not be re-bound on every change.
  const shown = useRef<PaletteView>(undefined);
  const keys = useRef<KeyState>(initialKeyState);
  const returnFocus = useRef<HTMLElement | null>(null);

  const open = useCallback((next: PaletteView) => {
    // Where focus goes back to: the element before the first of these layers opened.
    if (!shown.current) {
      const active = document.activeElement;
      returnFocus.current = active instanceof HTMLElement ? active : null;
    }
    shown.current = next;
    setView(next);
    void loadLayer().then((loaded) => setLayer(() => loaded));
  }, []);

  /** `restoreFocus: false` when what runs next puts focus somewhere itself (a page, a field). */
  const close = useCallback((restoreFocus = true) => {
    if (!restoreFocus) returnFocus.current = null;
    shown.current = undefined;
    setView(undefined);
  }, []);

  // Focus goes back once the dialog is gone: while it is open the page is inert.
  useEffect(() => {
    if (view) return;
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
  }, [view]);

  const run = useCallback(
    (command: ShortcutCommand | PaletteCommandId) => {
      switch (command) {
        case "open-palette":
          if (shown.current === "palette") close();
          else open("palette");
          return;
        case "show-shortcuts":
          open("shortcuts");
          return;
        case "focus-search": {
          const field = pageSearchField();
          if (!field) return open("palette");
          field.focus();
          field.select();
          return;
        }
        case "new-task":
          // The task list's quick add is where a task is written.
          if (!document.getElementById("quick-add")) router.push("/tasks");
          focusWhenShown("quick-add");
          return;
        case "sign-out":
          // Only the palette offers it, through the sign-out form it renders (the device wipe).
          return;
        default:
          router.push(routes[command]);
      }
    },
    [close, open, router],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      const step = keyStep(keys.current, {
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        time: event.timeStamp,
        typing: isTypingTarget(
          target && {
            tagName: target.tagName,
            isContentEditable: target instanceof HTMLElement && target.isContentEditable,
            type: target.getAttribute("type") ?? undefined,
            role: target.getAttribute("role"),
          },
        ),
        dialogOpen: dialogIsOpen(),
        composing: event.isComposing,
      });
      keys.current = step.state;
      if (step.handled) event.preventDefault();
      if (step.command) run(step.command);
    };
    document.addEventListener("keydown", onKeyDown);
    // Says the keys are live (a page still hydrating drops them): e2e waits for it.
    document.documentElement.dataset.shortcuts = "on";
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      delete document.documentElement.dataset.shortcuts;
    };
  }, [run]);

  // The header's search button (no keyboard needed).
  useEffect(() => {
    const onOpen = () => open("palette");
    window.addEventListener(openPaletteEvent, onOpen);
    return () => window.removeEventListener(openPaletteEvent, onOpen);
  }, [open]);

  // Stays mounted once loaded: the sign-out form it holds must outlive the palette closing.
  if (!Layer) return null;
  return (
    <Layer
      view={view}
      onClose={close}
      onRun={run}
      onShow={open}
      onNavigate={(href) => router.push(href)}
    />
  );
}
