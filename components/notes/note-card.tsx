import Link from "next/link";
import { LocalTime } from "@/components/app-shell/local-time";
import { ReplicaLink } from "@/components/app-shell/replica-link";
import type { NoteCard as NoteCardData } from "@/lib/notes/types";

export function NoteCard({ note }: { readonly note: NoteCardData }) {
  return (
    <article className="relative flex h-full flex-col gap-2 rounded-xl border border-line bg-surface p-4 focus-within:ring-2 focus-within:ring-accent">
      <h2 className="flex items-start gap-2 text-base font-semibold">
        {note.pinned && (
          <span className="shrink-0 rounded bg-accent px-1.5 text-xs font-medium text-accent-ink">
            Pinned
          </span>
        )}
        {/* With a replica, the note's route is prefetched whole: opening it needs no server. */}
        <ReplicaLink
          href={`/notes/${note.noteId}`}
          className="after:absolute after:inset-0 focus:outline-none"
        >
          {note.title || "Untitled"}
        </ReplicaLink>
      </h2>
      {note.excerpt && <p className="line-clamp-3 text-sm text-muted">{note.excerpt}</p>}
      <div className="mt-auto flex flex-wrap items-center gap-2 text-xs text-muted">
        {note.tags.map((tag) => (
          // The list filtered by a tag: no prefetch, which would fetch the list once per tag
          // shown while the page loads.
          <Link
            key={tag}
            href={`/notes?tag=${encodeURIComponent(tag)}`}
            prefetch={false}
            className="relative z-10 rounded-full border border-line px-2 py-0.5 hover:text-ink"
          >
            #{tag}
          </Link>
        ))}
        {note.attachmentCount > 0 && (
          <span>
            {note.attachmentCount} file{note.attachmentCount === 1 ? "" : "s"}
          </span>
        )}
        <LocalTime iso={note.updatedAt} className="ml-auto" />
      </div>
    </article>
  );
}
