import type { Metadata } from "next";
import { headers } from "next/headers";
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
  // This browser holds the whole library (issue 13 §2). Moving within the app (an RSC request)
  // the note draws from it with no DB read; a document load still reads the note itself, so a
  // note that is not there answers 404 and remote images get their CSP from the first byte.
  const replica = await hasReplica(user);
  if (replica && (await headers()).get("rsc") === "1") {
    return <NoteView key={noteId} noteId={noteId} />;
  }
  const note = await orNotFound(requireNote(db, user.userId, noteId));
  // Its owner chose to see remote images: the page's CSP allows them only with this query.
  const { name, value } = remoteImagesQuery;
  if (note.remoteImages && (await searchParams)[name] !== value) {
    redirect(`/notes/${noteId}?${name}=${value}`);
  }
  // The replica holds the linked tasks: no walk of the person's tasks.
  const tasks = replica ? undefined : await tasksLinkedToNote(db, user.userId, noteId);
  return <NoteView key={noteId} noteId={noteId} initial={{ note, tasks }} />;
}
