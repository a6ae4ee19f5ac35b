import { describe, expect, it } from "vitest";
import { keptCaret } from "@/lib/merge/caret";

const before = "line 1\nline 2\nline 3\nline 4\nline 5";

describe("keptCaret", () => {
  it("stays put when everything changed after it", () => {
    expect(keptCaret(before, before.replace("line 5", "line 5 (theirs)"), 3)).toBe(3);
  });

  it("moves with the text when everything changed before it", () => {
    const after = before.replace("line 1", "line 1 (theirs)");
    const caret = before.indexOf("line 5");
    expect(keptCaret(before, after, caret)).toBe(after.indexOf("line 5"));
  });

  it("follows the words before it when changes surround it", () => {
    const after = before.replace("line 1", "line one").replace("line 5", "line five");
    const caret = before.indexOf("line 3") + 4;
    expect(keptCaret(before, after, caret)).toBe(after.indexOf("line 3") + 4);
  });

  it("never points past the end", () => {
    expect(keptCaret(before, "short", before.length)).toBeLessThanOrEqual(5);
    expect(keptCaret(before, before, 9)).toBe(9);
  });
});
