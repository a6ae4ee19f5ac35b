import type { ComponentProps } from "react";
import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

function ExternalLink(props: ComponentProps<"a">) {
  const { node: _node, ...rest } = props as ComponentProps<"a"> & { node?: unknown };
  return <a {...rest} target="_blank" rel="noopener noreferrer" />;
}

/**
 * Renders a note's markdown safely: raw HTML is never rendered, the sanitiser strips anything
 * that could script (event handlers, javascript: URLs), and links open without an opener.
 */
export function MarkdownView({ source }: { readonly source: string }) {
  return (
    <div className="markdown space-y-3 break-words">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        skipHtml
        components={{ a: ExternalLink }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
