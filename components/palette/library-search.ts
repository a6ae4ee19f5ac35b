// THROWAWAY stand-in for lib/search/load.ts (helper "search") until h-search is merged: title
// substring matching over the replica, reloaded on every change. Replaced by loadLibrarySearch.
import type { LibrarySearch, SearchHit } from "@/components/palette/search-contract";
import { onReplicaChange } from "@/lib/replica/changes";
import { readNotes, readTasks, replicaStatus } from "@/lib/replica/store";

let shared: Promise<LibrarySearch> | undefined;

async function readAll(): Promise<SearchHit[]> {
  const [notes, tasks] = await Promise.all([readNotes({ limit: 100_000 }), readTasks()]);
  return [
    ...notes.map((note) => ({
      kind: "note" as const,
      id: note.noteId,
      title: note.title,
      href: `/notes/${note.noteId}`,
      snippet: note.content.slice(0, 120),
      highlights: [],
      score: 0,
      updatedAt: note.updatedAt,
    })),
    ...tasks.map((task) => ({
      kind: "task" as const,
      id: task.taskId,
      title: task.description,
      href: `/tasks?task=${task.taskId}`,
      snippet: "",
      highlights: [],
      score: 0,
      updatedAt: task.updatedAt,
      status: task.status,
    })),
  ];
}

export function loadLibrarySearch(): Promise<LibrarySearch> {
  shared ??= (async () => {
    if ((await replicaStatus()).state !== "ready") {
      shared = undefined;
      throw new Error("No replica on this device yet.");
    }
    let records = await readAll();
    onReplicaChange(() => {
      void readAll().then((next) => {
        records = next;
      });
    });
    return {
      search(query, options) {
        const words = query.toLowerCase().split(/\s+/).filter(Boolean);
        const hits = records
          .filter((record) => words.every((word) => record.title.toLowerCase().includes(word)))
          .slice(0, options?.limit ?? 20);
        return { query, hits };
      },
    };
  })();
  return shared;
}
