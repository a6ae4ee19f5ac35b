/**
 * The notes' limits and accepted types, without zod: client bundles import these, and importing
 * lib/notes/schemas.ts for a constant would ship full zod to every notes page.
 */

export const noteLimits = {
  title: 200,
  contentBytes: 100 * 1024,
  tags: 20,
  tagLength: 32,
  attachments: 10,
  attachmentBytes: 25 * 1024 * 1024,
  pageSize: 30,
  searchWords: 8,
} as const;

/** Presigned uploads a person may have waiting for confirmation at once (each URL lasts 15 min). */
export const uploadLimits = { outstanding: 20 } as const;

/** Upload types people attach to notes: images, PDF, text, office documents, zip. */
export const attachmentTypes = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/svg+xml",
  "application/pdf",
  "text/plain",
  "text/markdown",
  "text/csv",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.oasis.opendocument.presentation",
  "application/zip",
] as const;

/** Types safe to show inline as thumbnails: raster images only (never SVG, which can script). */
export const inlineImageTypes: readonly string[] = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
];
