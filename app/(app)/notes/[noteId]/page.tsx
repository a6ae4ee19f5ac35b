import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AttachmentsPanel } from "@/components/notes/attachments-panel";
import { NoteEditor } from "@/components/notes/note-editor";
import { NoteHeader } from "@/components/notes/note-header";
import { NoteTasks } from "@/components/tasks/note-tasks";
import { ulidSchema } from "@/lib/ids";
import { remoteImagesQuery } from "@/lib/notes/references";
import { requireNote } from "@/lib/notes/service";
import { orNotFound, requirePageContext } from "@/lib/server/page-context";
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
  const note = await orNotFound(requireNote(db, user.userId, noteId));
  // Its owner chose to see remote images: the page's CSP allows them only with this query.
  const { name, value } = remoteImagesQuery;
  if (note.remoteImages && (await searchParams)[name] !== value) {
    redirect(`/notes/${noteId}?${name}=${value}`);
  }
  const linkedTasks = await tasksLinkedToNote(db, user.userId, noteId);
  return (
    <div className="space-y-8">
      <NoteHeader trashableNoteId={noteId} />
      <NoteEditor noteId={noteId} initial={note} />
      <AttachmentsPanel noteId={noteId} initial={note.attachments} />
      <NoteTasks noteId={noteId} content={note.content} tasks={linkedTasks} />
    </div>
  );
}
