import {
  type ShortcutCommand,
  sequenceKeys,
  sequenceLeader,
  singleKeys,
} from "@/lib/keyboard/shortcuts";

/** How long after `g` its second key still counts as part of the sequence. */
export const sequenceTimeoutMs = 1_500;

/** A key press as the reducer needs it: the DOM's event reduced to plain facts. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** Milliseconds on any monotonic clock (the event's timeStamp). */
  readonly time: number;
  /** Focus is in a field that takes text (see isTypingTarget). */
  readonly typing: boolean;
  /** A modal dialog is open: its keys are its own. */
  readonly dialogOpen: boolean;
  /** An input method is composing (CJK): the key belongs to it. */
  readonly composing?: boolean;
}

export interface KeyState {
  /** The first key of a sequence, and when it was pressed. */
  readonly pending?: { readonly key: string; readonly at: number };
}

export interface KeyStep {
  readonly state: KeyState;
  /** What to run; absent when the key does nothing (yet). */
  readonly command?: ShortcutCommand;
  /** The key was taken by a shortcut: the page's default for it must not run. */
  readonly handled: boolean;
}

export const initialKeyState: KeyState = {};

const idle: KeyState = {};

/** The palette's chord: Ctrl+K, or Cmd+K on a Mac. */
function isPaletteChord(press: KeyPress): boolean {
  return press.key.toLowerCase() === "k" && (press.ctrlKey || press.metaKey) && !press.altKey;
}

/**
 * One key press: which shortcut (if any) it completes, and what is pending after it. Pure, so
 * the rules (sequences, the typing guard, modifiers, dialogs) are tested without a browser.
 */
export function keyStep(state: KeyState, press: KeyPress): KeyStep {
  if (press.composing || press.dialogOpen) return { state: idle, handled: false };
  // The palette opens from anywhere, fields included: that chord types nothing.
  if (isPaletteChord(press)) return { state: idle, command: "open-palette", handled: true };
  // Other chords belong to the browser and the fields (Ctrl+N, Cmd+T, Alt+G…).
  if (press.ctrlKey || press.metaKey || press.altKey) return { state: idle, handled: false };
  if (press.typing) return { state: idle, handled: false };

  const { pending } = state;
  if (pending && press.time - pending.at <= sequenceTimeoutMs) {
    const command = sequenceKeys[press.key];
    if (command) return { state: idle, command, handled: true };
    // A leader then another key is no sequence: forget it, and read the key on its own.
  }
  if (press.key === sequenceLeader) {
    return { state: { pending: { key: press.key, at: press.time } }, handled: true };
  }
  const command = Object.hasOwn(singleKeys, press.key) ? singleKeys[press.key] : undefined;
  return command ? { state: idle, command, handled: true } : { state: idle, handled: false };
}

/** The facts about the focused element that decide whether a person is typing. */
export interface FocusTarget {
  readonly tagName?: string;
  readonly isContentEditable?: boolean;
  readonly type?: string;
  readonly role?: string | null;
}

/** Input types that take no text: a shortcut may fire while one has focus. */
const keylessInputTypes = new Set([
  "button",
  "checkbox",
  "color",
  "file",
  "image",
  "radio",
  "range",
  "reset",
  "submit",
]);

/** Whether keys pressed with this element focused are typing (or choosing) in a field. */
export function isTypingTarget(target: FocusTarget | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !keylessInputTypes.has((target.type ?? "text").toLowerCase());
  return target.role === "textbox" || target.role === "combobox" || target.role === "searchbox";
}
