import { describe, expect, it } from "vitest";
import {
  checklistChanges,
  checklistItems,
  setChecklistItemAt,
  setChecklistItemsWhere,
} from "@/lib/notes/checklist";
import { checklistKey } from "@/lib/tasks/view";

const note = [
  "# Trip", // 1
  "- [ ] pack", // 2
  "- [x] book train", // 3
  "- [ ] pack", // 4
  "  1. [ ] nested", // 5
  "> - [ ] quoted", // 6
  "```", // 7
  "- [ ] in a fence", // 8
  "```", // 9
  "- [] malformed", // 10
].join("\r\n");

describe("checklistItems", () => {
  it("lists every task-list line outside code fences, with its state", () => {
    expect(checklistItems(note)).toEqual([
      { line: 2, text: "pack", checked: false },
      { line: 3, text: "book train", checked: true },
      { line: 4, text: "pack", checked: false },
      { line: 5, text: "nested", checked: false },
      { line: 6, text: "quoted", checked: false },
    ]);
  });
});

describe("setChecklistItemAt", () => {
  it("ticks exactly the line at the source position, not another with the same text", () => {
    const ticked = setChecklistItemAt(note, { line: 4, column: 1 }, true);
    expect(ticked?.split("\r\n")[1]).toBe("- [ ] pack");
    expect(ticked?.split("\r\n")[3]).toBe("- [x] pack");
    // Everything else, line endings included, is untouched.
    expect(ticked?.replace("- [x] pack\r\n  1.", "- [ ] pack\r\n  1.")).toBe(note);
  });

  it("reads nested and quoted items from their own column, and unticks", () => {
    expect(setChecklistItemAt(note, { line: 5, column: 3 }, true)?.split("\r\n")[4]).toBe(
      "  1. [x] nested",
    );
    expect(setChecklistItemAt(note, { line: 6, column: 3 }, true)?.split("\r\n")[5]).toBe(
      "> - [x] quoted",
    );
    expect(setChecklistItemAt(note, { line: 3, column: 1 }, false)?.split("\r\n")[2]).toBe(
      "- [ ] book train",
    );
  });

  it("changes nothing when the text moved on since the preview rendered", () => {
    expect(setChecklistItemAt(note, { line: 1, column: 1 }, true)).toBeUndefined();
    expect(setChecklistItemAt(note, { line: 3, column: 1 }, true)).toBeUndefined();
    expect(setChecklistItemAt(note, { line: 99, column: 1 }, true)).toBeUndefined();
    expect(setChecklistItemAt(note, { line: 10, column: 1 }, true)).toBeUndefined();
  });
});

describe("setChecklistItemsWhere", () => {
  it("ticks every open line with the text and leaves fences alone", () => {
    const ticked = setChecklistItemsWhere(note, (text) => text === "pack", true).split("\r\n");
    expect(ticked[1]).toBe("- [x] pack");
    expect(ticked[3]).toBe("- [x] pack");
    expect(setChecklistItemsWhere(note, (text) => text === "in a fence", true)).toBe(note);
  });
});

describe("checklistChanges", () => {
  it("reports texts that became all done, or open again", () => {
    const after = note
      .replace(
        "- [ ] pack\r\n- [x] book train\r\n- [ ] pack",
        "- [x] pack\r\n- [ ] Book  Train\r\n- [x] pack",
      )
      .replace("- [ ] quoted", "- [ ] renamed");
    expect(checklistChanges(note, after, checklistKey)).toEqual({
      completed: ["pack"],
      reopened: ["book train"],
    });
    // One of two equal lines ticked: not done yet.
    const half = note.replace("- [ ] pack", "- [x] pack");
    expect(checklistChanges(note, half, checklistKey)).toEqual({ completed: [], reopened: [] });
  });
});
