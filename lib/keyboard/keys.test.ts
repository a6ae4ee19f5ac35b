import { describe, expect, it } from "vitest";
import {
  initialKeyState,
  isTypingTarget,
  type KeyPress,
  type KeyState,
  keyStep,
  sequenceTimeoutMs,
} from "@/lib/keyboard/keys";
import { shortcuts } from "@/lib/keyboard/shortcuts";

function press(key: string, time: number, extra: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    time,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    typing: false,
    dialogOpen: false,
    ...extra,
  };
}

/** The commands a run of presses fires, in order. */
function commandsOf(presses: readonly KeyPress[]): string[] {
  let state: KeyState = initialKeyState;
  const fired: string[] = [];
  for (const each of presses) {
    const step = keyStep(state, each);
    state = step.state;
    if (step.command) fired.push(step.command);
  }
  return fired;
}

describe("keyStep", () => {
  it("runs single-key shortcuts", () => {
    expect(commandsOf([press("n", 0)])).toEqual(["new-note"]);
    expect(commandsOf([press("t", 0)])).toEqual(["new-task"]);
    expect(commandsOf([press("/", 0)])).toEqual(["focus-search"]);
    expect(commandsOf([press("?", 0, {})])).toEqual(["show-shortcuts"]);
  });

  it("reads g then n, t or b within the timeout as navigation", () => {
    expect(commandsOf([press("g", 0), press("n", 300)])).toEqual(["go-notes"]);
    expect(commandsOf([press("g", 0), press("t", 300)])).toEqual(["go-tasks"]);
    expect(commandsOf([press("g", 0), press("b", sequenceTimeoutMs)])).toEqual(["go-board"]);
  });

  it("takes the leader key and waits, without firing", () => {
    const step = keyStep(initialKeyState, press("g", 10));
    expect(step).toEqual({ state: { pending: { key: "g", at: 10 } }, handled: true });
  });

  it("reads the second key on its own once the timeout has passed", () => {
    expect(commandsOf([press("g", 0), press("n", sequenceTimeoutMs + 1)])).toEqual(["new-note"]);
    expect(commandsOf([press("g", 0), press("b", sequenceTimeoutMs + 1)])).toEqual([]);
  });

  it("drops a sequence broken by another key", () => {
    expect(commandsOf([press("g", 0), press("x", 100), press("n", 200)])).toEqual(["new-note"]);
    expect(commandsOf([press("g", 0), press("?", 100)])).toEqual(["show-shortcuts"]);
    expect(commandsOf([press("g", 0), press("g", 100), press("t", 200)])).toEqual(["go-tasks"]);
  });

  it("never fires while typing in a field, and a field's key breaks a pending sequence", () => {
    expect(commandsOf([press("n", 0, { typing: true })])).toEqual([]);
    expect(commandsOf([press("g", 0, { typing: true }), press("t", 1, { typing: true })])).toEqual(
      [],
    );
    expect(commandsOf([press("g", 0), press("t", 100, { typing: true })])).toEqual([]);
    expect(keyStep(initialKeyState, press("/", 0, { typing: true })).handled).toBe(false);
  });

  it("leaves keys held with Ctrl, Cmd or Alt to the browser", () => {
    for (const modifier of ["ctrlKey", "metaKey", "altKey"] as const) {
      expect(commandsOf([press("n", 0, { [modifier]: true })])).toEqual([]);
      expect(commandsOf([press("g", 0), press("t", 10, { [modifier]: true })])).toEqual([]);
    }
  });

  it("opens the palette with Ctrl+K or Cmd+K, even from a field", () => {
    expect(commandsOf([press("k", 0, { ctrlKey: true })])).toEqual(["open-palette"]);
    expect(commandsOf([press("k", 0, { metaKey: true })])).toEqual(["open-palette"]);
    expect(commandsOf([press("K", 0, { ctrlKey: true, typing: true })])).toEqual(["open-palette"]);
    expect(commandsOf([press("k", 0, { ctrlKey: true, altKey: true })])).toEqual([]);
    expect(commandsOf([press("k", 0)])).toEqual([]);
  });

  it("does nothing while a dialog is open or an input method composes", () => {
    expect(commandsOf([press("?", 0, { dialogOpen: true })])).toEqual([]);
    expect(commandsOf([press("k", 0, { ctrlKey: true, dialogOpen: true })])).toEqual([]);
    expect(commandsOf([press("n", 0, { composing: true })])).toEqual([]);
  });

  it("marks only the keys it takes as handled", () => {
    expect(keyStep(initialKeyState, press("x", 0)).handled).toBe(false);
    expect(keyStep(initialKeyState, press("/", 0)).handled).toBe(true);
    expect(keyStep(initialKeyState, press("k", 0, { ctrlKey: true })).handled).toBe(true);
  });

  it("has a key for every shortcut it lists", () => {
    for (const shortcut of shortcuts.filter((each) => each.command !== "open-palette")) {
      const presses = shortcut.keys.map((key, index) => press(key, index));
      expect(commandsOf(presses)).toEqual([shortcut.command]);
    }
  });
});

describe("isTypingTarget", () => {
  it("counts text fields, text areas, selects and editable elements as typing", () => {
    expect(isTypingTarget({ tagName: "INPUT", type: "text" })).toBe(true);
    expect(isTypingTarget({ tagName: "input" })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "search" })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "date" })).toBe(true);
    expect(isTypingTarget({ tagName: "TEXTAREA" })).toBe(true);
    expect(isTypingTarget({ tagName: "SELECT" })).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", role: "textbox" })).toBe(true);
  });

  it("lets shortcuts fire from buttons, links, checkboxes and the page", () => {
    expect(isTypingTarget({ tagName: "BUTTON" })).toBe(false);
    expect(isTypingTarget({ tagName: "A" })).toBe(false);
    expect(isTypingTarget({ tagName: "INPUT", type: "checkbox" })).toBe(false);
    expect(isTypingTarget({ tagName: "BODY", isContentEditable: false })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
