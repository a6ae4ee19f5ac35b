import { describe, expect, it } from "vitest";
import { mergeText } from "@/lib/merge/text";

const base = ["one", "two", "three", "four", "five", "six"].join("\n");
const lines = (text: string) => text.split("\n");
const edit = (text: string, index: number, line: string) =>
  lines(text)
    .map((old, at) => (at === index ? line : old))
    .join("\n");

describe("mergeText", () => {
  it("keeps both sides' edits of different lines, in either order", () => {
    const mine = edit(base, 0, "one, edited here");
    const theirs = edit(base, 4, "five, edited there");
    const both = edit(mine, 4, "five, edited there");
    expect(mergeText(base, mine, theirs)).toBe(both);
    expect(mergeText(base, theirs, mine)).toBe(both);
  });

  it("keeps lines added at both ends and a line removed in the middle", () => {
    const mine = `first\n${base}`;
    const theirs = `${lines(base)
      .filter((line) => line !== "three")
      .join("\n")}\nlast`;
    expect(mergeText(base, mine, theirs)).toBe("first\none\ntwo\nfour\nfive\nsix\nlast");
  });

  it("answers undefined when both sides changed the same line differently", () => {
    expect(mergeText(base, edit(base, 2, "mine"), edit(base, 2, "theirs"))).toBeUndefined();
  });

  it("is no overlap when both sides made the same change", () => {
    const same = edit(base, 2, "same");
    expect(mergeText(base, same, edit(same, 5, "six!"))).toBe(edit(same, 5, "six!"));
    expect(mergeText(base, same, same)).toBe(same);
  });

  it("takes the only side that changed, whole", () => {
    const changed = `${base}\n`;
    expect(mergeText(base, base, changed)).toBe(changed);
    expect(mergeText(base, changed, base)).toBe(changed);
  });

  it("merges into an empty text and keeps blank lines and trailing newlines", () => {
    expect(mergeText("", "mine", "")).toBe("mine");
    const spaced = "a\n\nb\n\nc\n";
    expect(mergeText(spaced, "A\n\nb\n\nc\n", "a\n\nb\n\nC\n")).toBe("A\n\nb\n\nC\n");
  });
});
