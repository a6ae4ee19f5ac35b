import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { NoteView } from "@/components/notes/note-view";
import { ulidSchema } from "@/lib/ids";
import { remoteImagesQuery } from "@/lib/notes/references";
import { requireNote } from "@/lib/notes/service";
import { hasReplica, orNotFound, requirePageContext } from "@/lib/server/page-context";
import { tasksLinkedToNote } from "@/lib/tasks/service";

export const metadata: Metadata = { title: "Note" };

type Props = {
  params: Promise<{ noteId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function NotePage({ params, searchParams }: Props) {
  const { noteId } = await params;
  const { user, db } = await requirePageContext(`/notes/${noteId}`);
  if (!ulidSchema.safeParse(noteId).success) notFound();
  // This browser holds the whole library (issue 13 §2): the note draws from it, no DB reads.
  if (await hasReplica(user)) return <NoteView key={noteId} noteId={noteId} />;
  const note = await orNotFound(requireNote(db, user.userId, noteId));
  // Its owner chose to see remote images: the page's CSP allows them only with this query.
  const { name, value } = remoteImagesQuery;
  if (note.remoteImages && (await searchParams)[name] !== value) {
    redirect(`/notes/${noteId}?${name}=${value}`);
  }
  const linkedTasks = await tasksLinkedToNote(db, user.userId, noteId);
  return <NoteView key={noteId} noteId={noteId} initial={{ note, tasks: linkedTasks }} />;
}
