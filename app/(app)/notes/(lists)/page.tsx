import type { Metadata } from "next";
import Link from "next/link";
import { restoreNoteAction } from "@/app/(app)/notes/actions";
import { ReplicaLink } from "@/components/app-shell/replica-link";
import { NewNoteButton } from "@/components/notes/new-note-button";
import { NoteList } from "@/components/notes/note-list";
import { ReplicaTrashedBanner } from "@/components/notes/replica-trashed-banner";
import { NoteSearch } from "@/components/search/note-search";
import { ulidSchema } from "@/lib/ids";
import { noteLimits, notesPageQuerySchema, parseNoteSearch } from "@/lib/notes/schemas";
import { findNotes, isInTrash } from "@/lib/notes/service";
import { pageQuery } from "@/lib/schemas";
import { hasReplica, requirePageContext } from "@/lib/server/page-context";

export const metadata: Metadata = { title: "Notes" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotesPage({ searchParams }: Props) {
  const { user, db } = await requirePageContext("/notes");
  const params = pageQuery(await searchParams);
  const parsed = notesPageQuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : {};
  const search = parseNoteSearch(query.q, query.tag);
  const trashed = ulidSchema.safeParse(params.trashed);
  const searching = Boolean(query.q || query.tag);
  // This browser holds the whole library (issue 13 §2): the list draws from it, no DB reads.
  // A search submitted to the server (no replica here yet) is answered here; with a replica
  // the search box answers from the device as the person types (components/search).
  const fromReplica = !searching && (await hasReplica(user));
  const [page, showTrashed] = fromReplica
    ? [undefined, false]
    : await Promise.all([
        findNotes(db, user.userId, query),
        trashed.success && isInTrash(db, user.userId, trashed.data),
      ]);
  const listQuery = new URLSearchParams(
    Object.entries({ q: query.q, tag: query.tag }).filter((entry): entry is [string, string] =>
      Boolean(entry[1]),
    ),
  ).toString();

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Notes</h1>
        <div className="ml-auto flex items-center gap-2">
          <ReplicaLink
            href="/notes/trash"
            className="min-h-11 rounded-md px-3 py-2 text-sm text-muted hover:text-ink"
          >
            Trash
          </ReplicaLink>
          <NewNoteButton />
        </div>
      </div>

      <ReplicaTrashedBanner
        restore={restoreNoteAction}
        noteId={showTrashed && trashed.success ? trashed.data : undefined}
        candidate={fromReplica && trashed.success ? trashed.data : undefined}
        listHref={listQuery ? `/notes?${listQuery}` : "/notes"}
      />

      <NoteSearch initialQuery={query.q} tag={query.tag}>
        {(search.words.length > 0 || search.tags.length > 0) && (
          <p className="text-sm text-muted">
            {search.words.length > 0 && <>Notes matching “{search.words.join(" ")}”</>}
            {search.words.length > 0 && search.tags.length > 0 && " "}
            {search.tags.length > 0 && <>tagged {search.tags.map((tag) => `#${tag}`).join(" ")}</>}
            {" · "}
            <Link href="/notes" className="text-accent underline underline-offset-4">
              Show all notes
            </Link>
          </p>
        )}
        {!parsed.success && (
          <p className="text-sm text-danger">That search could not be used; showing all notes.</p>
        )}

        {searching && page?.items.length === 0 && !page.nextCursor ? (
          <p className="rounded-xl border border-dashed border-line p-8 text-center text-muted">
            No notes match.
          </p>
        ) : (
          <NoteList
            key={listQuery}
            initial={page}
            query={listQuery}
            pageSize={noteLimits.pageSize}
            rendered={Date.now()}
          />
        )}
      </NoteSearch>
    </div>
  );
}
