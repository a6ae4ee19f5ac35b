import { describe, expect, it } from "vitest";
import { excerptLength, excerptOf } from "@/lib/notes/excerpt";

describe("excerptOf", () => {
  it("shows a table's words without pipes or its divider row", () => {
    const table = [
      "| Item | Price |",
      "| :--- | ----: |",
      "| **Rent** | 900 |",
      "| [Food](https://example.com) | 300 |",
    ].join("\n");
    expect(excerptOf(table)).toBe("Item Price Rent 900 Food 300");
    expect(excerptOf("a | b\n--- | ---\n1 | 2")).toBe("a b 1 2");
  });

  it("drops heading, quote, list and task markers", () => {
    expect(
      excerptOf("# Title\n## Sub ##\n> quoted\n- one\n* two\n3. three\n- [x] done\n- [ ] todo"),
    ).toBe("Title Sub quoted one two three done todo");
  });

  it("keeps the words of emphasis, code, links and images, not their syntax", () => {
    expect(
      excerptOf(
        "**bold** and *it* and __b__ and _i_ and ~~gone~~ and `code` [the shop](https://x.y) ![a cat](cat.png) <https://a.b>",
      ),
    ).toBe("bold and it and b and i and gone and code the shop a cat https://a.b");
  });

  it("keeps words with underscores or asterisks inside them and escaped characters", () => {
    expect(excerptOf("snake_case_name and \\*literal\\* and a \\| pipe")).toBe(
      "snake_case_name and *literal* and a | pipe",
    );
    expect(excerptOf("| a \\| b | c |")).toBe("a | b c");
  });

  it("keeps code blocks' text but not their fences, and drops rules and link definitions", () => {
    expect(
      excerptOf("```js\nconst a = 1;\n```\n---\n***\n[ref]: https://x.y\nText [ref][ref]"),
    ).toBe("const a = 1; Text ref");
    expect(excerptOf("Heading\n=======\nBody")).toBe("Heading Body");
  });

  it("drops raw HTML tags and collapses spaces", () => {
    expect(excerptOf("<b>bold</b>\n\n\n   spaced    out  ")).toBe("bold spaced out");
  });

  it("cuts long text and leaves plain text as it is", () => {
    expect(excerptOf("word ".repeat(100))).toHaveLength(excerptLength);
    expect(excerptOf("Just a sentence, with 3 numbers: 1, 2.")).toBe(
      "Just a sentence, with 3 numbers: 1, 2.",
    );
    expect(excerptOf("")).toBe("");
  });
});
