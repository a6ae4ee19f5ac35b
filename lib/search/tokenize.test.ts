import { describe, expect, it } from "vitest";
import { tokenize } from "@/lib/search/tokenize";

describe("tokenize", () => {
  it("cuts Latin text into lower-cased words, keeping contractions and numbers whole", () => {
    expect(tokenize("Don't e-mail the U.S.A. report, v3.14 foo_bar Café!")).toEqual([
      "don't",
      "e",
      "mail",
      "the",
      "u.s.a",
      "report",
      "v3.14",
      "foo_bar",
      "café",
      "email",
    ]);
  });

  it("cuts Chinese into bigrams of the run, the same inside a sentence as alone", () => {
    expect(tokenize("会议记录")).toEqual(["会议", "议记", "记录"]);
    const sentence = tokenize("我们明天开会议记录。");
    for (const term of tokenize("会议记录")) expect(sentence).toContain(term);
  });

  it("cuts Japanese across kanji, kana and katakana words", () => {
    const terms = tokenize("東京タワーの議事録");
    expect(terms).toContain("東京");
    expect(terms).toContain("タワ");
    expect(terms).toContain("議事");
    expect(terms).toContain("事録");
    for (const term of tokenize("議事録")) expect(terms).toContain(term);
  });

  it("finds a Korean word inside the word with its particle", () => {
    const terms = tokenize("회의록을 작성했다");
    for (const term of tokenize("회의록")) expect(terms).toContain(term);
  });

  it("keeps Latin words beside CJK text and a lone CJK character", () => {
    expect(tokenize("iPhone用 的")).toEqual(["iphone", "用", "的"]);
  });

  it("segments a script without spaces (Thai) into words", () => {
    const terms = tokenize("สวัสดีครับ");
    expect(terms.length).toBeGreaterThan(1);
  });
});
