"use client";

import { type ComponentProps, useMemo } from "react";
import ReactMarkdown, { type Components, defaultUrlTransform } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import type { SourcePoint } from "@/lib/notes/checklist";
import { attachmentReference, inlineAttachmentUrl } from "@/lib/notes/references";

type WithNode<T> = T & { node?: unknown };

function ExternalLink(props: WithNode<ComponentProps<"a">>) {
  const { node: _node, ...rest } = props;
  return <a {...rest} target="_blank" rel="noopener noreferrer" />;
}

// The default schema, plus `attachment:<id>` references (resolved below to the app's own URLs).
const sanitizeSchema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: [...(defaultSchema.protocols?.href ?? []), "attachment"],
    src: [...(defaultSchema.protocols?.src ?? []), "attachment"],
  },
};

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  position?: { start: { line: number; column: number } };
  children?: HastNode[];
}

function textOf(node: HastNode): string {
  if (node.type === "text") return node.value ?? "";
  if (node.tagName === "ul" || node.tagName === "ol") return "";
  return (node.children ?? []).map(textOf).join("");
}

/**
 * Runs after the sanitiser: gives each task-list checkbox the source position of its list item
 * (so a tick edits exactly that line, whatever its text) and the item's text as its name.
 */
function rehypeTaskPositions() {
  const walk = (node: HastNode) => {
    for (const child of node.children ?? []) {
      if (child.tagName === "li" && child.position) {
        const box = child.children?.find((each) => each.tagName === "input");
        const inParagraph = child.children
          ?.find((each) => each.tagName === "p")
          ?.children?.find((each) => each.tagName === "input");
        const input = box ?? inParagraph;
        if (input?.properties) {
          input.properties.dataLine = child.position.start.line;
          input.properties.dataColumn = child.position.start.column;
          input.properties.ariaLabel = textOf(child).trim() || "Checklist item";
        }
      }
      walk(child);
    }
  };
  return (tree: HastNode) => walk(tree);
}

export interface MarkdownViewProps {
  readonly source: string;
  /** The note whose `attachment:` references the text may use. */
  readonly noteId?: string;
  /** Load images from other sites (the note's choice, under a page policy that allows them). */
  readonly remoteImages?: boolean;
  readonly onRemoteImagesChange?: (remoteImages: boolean) => void;
  /** Ticking a checklist box; without it the boxes are read-only. */
  readonly onToggleTask?: (point: SourcePoint, checked: boolean) => void;
}

/**
 * Renders a note's markdown safely: raw HTML is never rendered, the sanitiser strips anything
 * that could script (event handlers, javascript: URLs), and links open without an opener.
 * Images from other sites are not loaded unless asked (they tell the site who reads the note).
 */
export function MarkdownView({
  source,
  noteId,
  remoteImages = false,
  onRemoteImagesChange,
  onToggleTask,
}: MarkdownViewProps) {
  const components = useMemo<Components>(
    () => ({
      a: ExternalLink,
      img: ({ node: _node, src, alt }) => {
        const url = typeof src === "string" ? src : "";
        if (url.startsWith("/api/notes/")) {
          // biome-ignore lint/performance/noImgElement: the URL is a 302 to a one-minute presigned GET; next/image would cache it
          return <img src={url} alt={alt ?? ""} className="max-h-[70vh] max-w-full rounded" />;
        }
        if (/^https:\/\//i.test(url) && remoteImages) {
          return (
            // biome-ignore lint/performance/noImgElement: another site's image, as the note's owner chose
            <img src={url} alt={alt ?? ""} referrerPolicy="no-referrer" className="max-w-full" />
          );
        }
        if (/^https?:\/\//i.test(url)) {
          return (
            <span className="inline-flex flex-wrap items-center gap-2 rounded-md border border-dashed border-line px-2 py-1 text-sm text-muted">
              <span>
                Remote image not loaded{alt ? `: ${alt}` : ""} (
                {URL.canParse(url) ? new URL(url).host : url})
              </span>
              {onRemoteImagesChange && !remoteImages && (
                <button
                  type="button"
                  onClick={() => onRemoteImagesChange(true)}
                  className="min-h-9 rounded px-2 font-medium text-accent underline underline-offset-4"
                >
                  Show remote images
                </button>
              )}
            </span>
          );
        }
        return <span className="text-muted">{alt ? `[${alt}]` : "[image]"}</span>;
      },
      input: ({ node: _node, ...props }) => {
        const data = props as Record<string, unknown>;
        const point = { line: Number(data["data-line"]), column: Number(data["data-column"]) };
        if (props.type !== "checkbox") return null;
        return (
          <input
            type="checkbox"
            checked={Boolean(props.checked)}
            aria-label={props["aria-label"]}
            disabled={!onToggleTask || !point.line}
            onChange={(event) => onToggleTask?.(point, event.target.checked)}
            className="mr-2 size-4 align-middle"
          />
        );
      },
    }),
    [remoteImages, onRemoteImagesChange, onToggleTask],
  );
  const urlTransform = useMemo(
    () => (url: string, key: string) => {
      const attachmentId = attachmentReference(url);
      if (attachmentId === undefined) return defaultUrlTransform(url);
      if (!noteId) return "";
      return inlineAttachmentUrl(noteId, attachmentId, key === "src");
    },
    [noteId],
  );
  return (
    <div className="markdown space-y-3 break-words">
      {remoteImages && onRemoteImagesChange && (
        <button
          type="button"
          onClick={() => onRemoteImagesChange(false)}
          className="min-h-9 rounded text-sm text-muted underline underline-offset-4"
        >
          Hide remote images
        </button>
      )}
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeSanitize, sanitizeSchema], rehypeTaskPositions]}
        skipHtml
        components={components}
        urlTransform={urlTransform}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
