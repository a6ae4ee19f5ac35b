import { describe, expect, it } from "vitest";
import { parseNoteSearch, tagSchema, tagsSchema } from "@/lib/notes/schemas";

describe("tags", () => {
  it("drop a leading # and keep the rest lower-cased", () => {
    expect(tagSchema.parse("#idea")).toBe("idea");
    expect(tagSchema.parse("  ##Work ")).toBe("work");
    expect(tagsSchema.parse(["#b", "a", "b"])).toEqual(["a", "b"]);
  });

  it("still refuse an empty tag, a # inside one, commas and control characters", () => {
    for (const bad of ["#", " # ", "c#", "a,b", "a\u0007"]) {
      expect(tagSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("parseNoteSearch", () => {
  it("reads #words as tags and the rest as words", () => {
    expect(parseNoteSearch("#Work Budget #home")).toEqual({
      words: ["budget"],
      tags: ["work", "home"],
    });
    expect(parseNoteSearch("#work")).toEqual({ words: [], tags: ["work"] });
    expect(parseNoteSearch("#home plans", "work")).toEqual({
      words: ["plans"],
      tags: ["work", "home"],
    });
  });

  it("ignores a lone #, keeps a # that cannot be a tag as a word, drops duplicates", () => {
    expect(parseNoteSearch("# c#sharp #a,b report REPORT #x #X")).toEqual({
      words: ["c#sharp", "#a,b", "report"],
      tags: ["x"],
    });
    expect(parseNoteSearch(undefined)).toEqual({ words: [], tags: [] });
    expect(parseNoteSearch("   ")).toEqual({ words: [], tags: [] });
  });
});
