import { describe, expect, it } from "vitest";
import { isEmptyQuery, parseSearchQuery } from "@/lib/search/query";

describe("parseSearchQuery", () => {
  it("keeps plain words as the text to find", () => {
    expect(parseSearchQuery("  quarterly   report ")).toEqual({
      text: "quarterly report",
      tags: [],
      tagPrefix: false,
      filters: {},
    });
  });

  it("takes #tags out, lower-cased and once each", () => {
    const parsed = parseSearchQuery("budget #Work #work ##ideas");
    expect(parsed.text).toBe("budget");
    expect(parsed.tags).toEqual(["work", "ideas"]);
  });

  it("treats the last tag as still being typed until a space follows it", () => {
    expect(parseSearchQuery("#wo").tagPrefix).toBe(true);
    expect(parseSearchQuery("#wo ").tagPrefix).toBe(false);
    expect(parseSearchQuery("#work plan").tagPrefix).toBe(false);
  });

  it("reads the filters, in any case", () => {
    expect(parseSearchQuery("is:pinned HAS:FILE x").filters).toEqual({ pinned: true, file: true });
    expect(parseSearchQuery("is:task").filters).toEqual({ task: true });
  });

  it("makes is:done ask for tasks", () => {
    expect(parseSearchQuery("is:done").filters).toEqual({ done: true, task: true });
  });

  it("searches unknown filters and a bare # as words", () => {
    const parsed = parseSearchQuery("is:nonsense # c#");
    expect(parsed.text).toBe("is:nonsense # c#");
    expect(parsed.tags).toEqual([]);
  });

  it("knows an empty query from one with only a filter", () => {
    expect(isEmptyQuery(parseSearchQuery("   "))).toBe(true);
    expect(isEmptyQuery(parseSearchQuery("is:pinned"))).toBe(false);
    expect(isEmptyQuery(parseSearchQuery("#a"))).toBe(false);
  });
});
