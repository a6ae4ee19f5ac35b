import { describe, expect, it } from "vitest";
import {
  attachmentMarkdown,
  attachmentReference,
  inlineAttachmentUrl,
} from "@/lib/notes/references";

const id = "01J00000000000000000000000";

describe("attachment references in a note's text", () => {
  it("shows raster images inline and links anything else, with a safe label", () => {
    expect(
      attachmentMarkdown({ attachmentId: id, name: "a [b].png", contentType: "image/png" }),
    ).toBe(`![a \\[b\\].png](attachment:${id})`);
    // SVG is never shown inline: a link, like a PDF.
    expect(
      attachmentMarkdown({ attachmentId: id, name: "x.svg", contentType: "image/svg+xml" }),
    ).toBe(`[x.svg](attachment:${id})`);
  });

  it("resolves only well-formed references, to the owner-checked route", () => {
    expect(attachmentReference(`attachment:${id}`)).toBe(id);
    expect(attachmentReference("attachment:../../x")).toBeUndefined();
    expect(attachmentReference(`https://example.com/attachment:${id}`)).toBeUndefined();
    expect(inlineAttachmentUrl("N", id, true)).toBe(`/api/notes/N/attachments/${id}?inline=1`);
    expect(inlineAttachmentUrl("N", id, false)).toBe(`/api/notes/N/attachments/${id}`);
  });
});
