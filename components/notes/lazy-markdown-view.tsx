"use client";

import dynamic from "next/dynamic";

/**
 * The markdown preview, loaded when first shown: react-markdown, remark-gfm and rehype-sanitize
 * are ~48 KB gzip, and the note and task editors open on "Write", so no first paint needs them.
 */
export const MarkdownView = dynamic(
  () => import("@/components/notes/markdown-view").then((module) => module.MarkdownView),
  { loading: () => <p className="text-sm text-muted">Loading the preview…</p> },
);
