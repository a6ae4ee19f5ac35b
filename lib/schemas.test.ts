import { describe, expect, it } from "vitest";
import { noQuerySchema, pageQuery } from "@/lib/schemas";

describe("shared query schemas", () => {
  it("a route without parameters refuses any", () => {
    expect(noQuerySchema.safeParse({}).success).toBe(true);
    expect(noQuerySchema.safeParse({ trash: "1" }).success).toBe(false);
  });

  it("a page's doubled parameter reads as absent, a single one as given", () => {
    expect(pageQuery({ q: "plans", tag: ["a", "b"], none: undefined })).toEqual({ q: "plans" });
  });
});
