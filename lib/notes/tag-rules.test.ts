import { describe, expect, it } from "vitest";
import { noteLimits } from "@/lib/notes/constants";
import { checkTag } from "@/lib/notes/tag-rules";
import { tagSchema } from "@/lib/notes/tag-schema";

/** The tag field's plain check answers as the server's tagSchema does, message included. */
describe("checkTag", () => {
  const samples = [
    "idea",
    "  #Idea ",
    "##Two Words",
    "#",
    "   ",
    "",
    "a,b",
    "tab\there",
    "in#side",
    "Émigré",
    "x".repeat(noteLimits.tagLength),
    "x".repeat(noteLimits.tagLength + 1),
    "😀".repeat(noteLimits.tagLength),
    "😀".repeat(noteLimits.tagLength + 1),
    "# ",
    "#\u0001",
  ];

  it.each(samples)("reads %j as tagSchema does", (raw) => {
    const parsed = tagSchema.safeParse(raw);
    expect(checkTag(raw)).toEqual(
      parsed.success
        ? { ok: true, tag: parsed.data }
        : { ok: false, message: parsed.error.issues[0]?.message },
    );
  });
});
