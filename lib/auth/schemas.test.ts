import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/schemas";

/** Values that browsers (or the URL parser they share) resolve to another host. */
const openRedirects = [
  "//example.com",
  "/\\example.com",
  "\\/example.com",
  "https://example.com/notes",
  "javascript:alert(1)",
  "/\t/example.com",
  "/\n/example.com",
  "/\r\n/example.com",
  "\t//example.com",
  "/.//example.com",
  "/x/..//example.com",
  "/%2e//example.com",
  "/%2E%2E//example.com",
  "/notes/../..//example.com",
  "/./\\example.com",
];

describe("safeCallbackUrl", () => {
  it.each(openRedirects)("refuses %j, which would leave the site", (value) => {
    expect(safeCallbackUrl(value, "/notes")).toBe("/notes");
  });

  it("keeps same-site paths, normalised, with their query and fragment", () => {
    expect(safeCallbackUrl("/settings")).toBe("/settings");
    expect(safeCallbackUrl("/notes?q=report&tag=work#top")).toBe("/notes?q=report&tag=work#top");
    expect(safeCallbackUrl("/notes/./x/../trash")).toBe("/notes/trash");
    expect(safeCallbackUrl(undefined, "/notes")).toBe("/notes");
    expect(safeCallbackUrl("", "/notes")).toBe("/notes");
  });
});
