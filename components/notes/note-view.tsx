"use client";

import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { NotFoundMessage } from "@/components/app-shell/not-found-message";
import { AttachmentsPanel } from "@/components/notes/attachments-panel";
import { NoteEditor } from "@/components/notes/note-editor";
import { NoteHeader } from "@/components/notes/note-header";
import { NoteTasks } from "@/components/tasks/note-tasks";
import { noteAnswer } from "@/lib/api/answers";
import { callApi } from "@/lib/api/client";
import { remoteImagesQuery } from "@/lib/notes/references";
import type { Note } from "@/lib/notes/types";
import { usePullOnShow, useReplicaFallback, useReplicaQuery } from "@/lib/replica/hooks";
import { replicaMemory, subscribeReplicaMemory } from "@/lib/replica/memory";
import { linkedTasks } from "@/lib/replica/records";
import { readNote, storeAnswer } from "@/lib/replica/store";
import type { TaskCard } from "@/lib/tasks/types";

const noMemory = () => undefined;

interface NoteViewProps {
  readonly noteId: string;
  /** The server's note and linked tasks; absent when the page left them to the replica. */
  readonly initial?: { readonly note: Note; readonly tasks?: readonly TaskCard[] };
}

/**
 * One note: the editor, its files and its linked tasks. Drawn from the server's props on a first
 * visit, from the replica once it is filled (issue 13 §2); the linked tasks and checklist follow
 * every replica change. The editor opens with the first text it is given and follows a newer
 * version from the replica while nothing typed here is pending (its draft protocol owns what is
 * typed; a change made elsewhere then meets it as a conflict and merges).
 */
export function NoteView({ noteId, initial }: NoteViewProps) {
  const replica = useReplicaQuery(async () => {
    const note = await readNote(noteId);
    return { note: note?.deletedAt ? undefined : note };
  }, [noteId]);
  // The linked tasks from the tab's memory of the replica: reading (and cloning) every task from
  // IndexedDB on each note opened took a long task of its own.
  const memory = useSyncExternalStore(subscribeReplicaMemory, replicaMemory, noMemory);
  const linked = useMemo(
    () => memory && linkedTasks([...memory.tasks.values()], noteId),
    [memory, noteId],
  );
  useReplicaFallback(initial === undefined);
  usePullOnShow(noteId);
  const missing = useMissingNote(
    noteId,
    Boolean(initial) || replica === undefined || Boolean(replica.note),
  );
  // The editor opens with the first text it is given, from whichever source came first.
  const [opened, setOpened] = useState(initial?.note);
  const note = opened ?? replica?.note;
  if (!opened && note) setOpened(note);

  const tasks = linked ?? initial?.tasks;

  const remoteImages = note?.remoteImages ?? false;
  useEffect(() => {
    // Its owner chose to see remote images: the page's CSP allows them only with this query,
    // set by the server on a full load.
    const { name, value } = remoteImagesQuery;
    const query = new URLSearchParams(window.location.search);
    if (remoteImages && query.get(name) !== value) {
      query.set(name, value);
      window.location.replace(`${window.location.pathname}?${query}`);
    }
  }, [remoteImages]);

  if (!note) {
    if (missing === "gone") return <NotFoundMessage backHref="/notes" backLabel="All notes" />;
    return <p className="text-sm text-muted">Opening the note…</p>;
  }
  return (
    <div className="space-y-8">
      <NoteHeader trashableNoteId={noteId} />
      <NoteEditor key={noteId} noteId={noteId} initial={note} latest={replica?.note} />
      <AttachmentsPanel key={`files-${noteId}`} noteId={noteId} initial={note.attachments} />
      {/* Drawn once the linked tasks are known (a moment after the note when the tab's memory
          is still being read): a checklist line must not offer a task it already has. */}
      {tasks && (
        <NoteTasks noteId={noteId} content={replica?.note?.content ?? note.content} tasks={tasks} />
      )}
    </div>
  );
}

/**
 * A note the replica does not hold (made on another device a moment ago): pull, then ask the
 * server for it and keep its answer in the replica; "gone" when the server has none either.
 */
function useMissingNote(noteId: string, found: boolean): "looking" | "gone" {
  const [gone, setGone] = useState<string>();
  useEffect(() => {
    if (found) return;
    let active = true;
    void (async () => {
      const { pullNow } = await import("@/lib/replica/sync-engine");
      await pullNow();
      const kept = await readNote(noteId);
      if (!active || (kept && !kept.deletedAt)) return;
      const result = await callApi(`/api/notes/${noteId}`, noteAnswer);
      if (!active) return;
      if (result.ok) await storeAnswer("note", result.data);
      else if (result.status === 404) setGone(noteId);
    })();
    return () => {
      active = false;
    };
  }, [noteId, found]);
  return gone === noteId ? "gone" : "looking";
}
