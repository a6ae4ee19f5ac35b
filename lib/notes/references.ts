import { inlineImageTypes } from "@/lib/notes/constants";

/**
 * A note's text points at its own files with `attachment:<attachmentId>` (`![name](attachment:…)`
 * for an image, `[name](attachment:…)` for any file). The reference never expires: the preview
 * turns it into the owner-checked download route, which answers with a one-minute presigned URL.
 */
const reference = /^attachment:([0-9A-HJKMNP-TV-Z]{26})$/;

/** The query that makes the proxy allow images from other sites on a note page (see proxy.ts). */
export const remoteImagesQuery = { name: "images", value: "remote" } as const;

/** The attachment id of an `attachment:` URL, or undefined for any other URL. */
export function attachmentReference(url: string): string | undefined {
  return reference.exec(url)?.[1];
}

/** The app's own URL for a referenced file: inline (raster images only, server-checked) or a download. */
export function inlineAttachmentUrl(noteId: string, attachmentId: string, inline: boolean): string {
  return `/api/notes/${noteId}/attachments/${attachmentId}${inline ? "?inline=1" : ""}`;
}

/** The markdown that shows an uploaded file in the text: an image inline, anything else a link. */
export function attachmentMarkdown(file: {
  readonly attachmentId: string;
  readonly name: string;
  readonly contentType: string;
}): string {
  const label = file.name.replace(/[\r\n]+/g, " ").replace(/([\\[\]])/g, "\\$1");
  const link = `[${label}](attachment:${file.attachmentId})`;
  return inlineImageTypes.includes(file.contentType) ? `!${link}` : link;
}
