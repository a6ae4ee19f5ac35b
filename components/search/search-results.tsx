import Link from "next/link";
import type { SearchHit, SearchOutcome } from "@/lib/search/types";

/** The snippet with its matched words in <mark>. */
function Marked({ hit }: { hit: SearchHit }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of hit.highlights) {
    if (start > at) parts.push(hit.snippet.slice(at, start));
    parts.push(<mark key={start}>{hit.snippet.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(hit.snippet.slice(at));
  return <>{parts}</>;
}

const statusLabel: Record<string, string> = {
  todo: "To do",
  "in-progress": "In progress",
  completed: "Done",
};

export function countLabel(outcome: SearchOutcome, limit: number): string {
  const count = outcome.hits.length;
  if (count === 0) return "No notes or tasks match.";
  if (count >= limit) return `More than ${limit - 1} results`;
  return count === 1 ? "1 result" : `${count} results`;
}

interface SearchResultsProps {
  readonly outcome: SearchOutcome;
  /** How many hits were asked for (one more than shown: "more than" is known). */
  readonly limit: number;
}

/**
 * Ranked notes and tasks with highlighted snippets. The count (`countLabel`) belongs in a live
 * region the caller keeps mounted, so a screen reader announces it as it changes.
 */
export function SearchResults({ outcome, limit }: SearchResultsProps) {
  const hits = outcome.hits.slice(0, limit - 1);
  return (
    <>
      {hits.length > 0 && (
        <ul aria-label="Search results" data-query={outcome.query} className="space-y-2">
          {hits.map((hit) => (
            <li key={`${hit.kind}:${hit.id}`}>
              <Link
                href={hit.href}
                className="block rounded-xl border border-line bg-surface p-4 hover:border-accent"
              >
                <span className="flex items-baseline gap-2">
                  <span className="font-medium">{hit.title || "Untitled"}</span>
                  <span className="ml-auto shrink-0 text-xs text-muted">
                    {hit.kind === "task"
                      ? `Task · ${statusLabel[hit.status ?? ""] ?? hit.status}`
                      : hit.pinned
                        ? "Note · pinned"
                        : "Note"}
                  </span>
                </span>
                {hit.snippet && (
                  <span className="mt-1 block text-sm text-muted [&_mark]:rounded-sm [&_mark]:bg-accent/20 [&_mark]:text-ink">
                    <Marked hit={hit} />
                  </span>
                )}
                {hit.tags && hit.tags.length > 0 && (
                  <span className="mt-1 block text-xs text-muted">
                    {hit.tags.map((tag) => `#${tag}`).join(" ")}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
