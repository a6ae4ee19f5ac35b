"use client";

import { useEffect, useState } from "react";
import { compareCodeUnits } from "@/lib/compare";
import { readLibrary } from "@/lib/offline/store";
import { useReplicaQuery } from "@/lib/replica/hooks";
import { readNotes, readTasks } from "@/lib/replica/store";

type Library = Awaited<ReturnType<typeof readLibrary>>;

/** Notes shown at first (and added per "Show more"): the whole library may be thousands. */
const shownStep = 100;

/**
 * What this device holds, readable without a connection: the whole library from the replica
 * once it is filled (issue 13 §2), else whatever notes and tasks it kept from the pages seen.
 */
export function OfflineLibrary() {
  const [limit, setLimit] = useState(shownStep);
  const replica = useReplicaQuery(async () => {
    const [notes, tasks] = await Promise.all([readNotes({ limit: limit + 1 }), readTasks()]);
    return {
      notes,
      tasks: tasks.sort((a, b) => compareCodeUnits(b.updatedAt, a.updatedAt)),
      lastSync: undefined,
    };
  }, [limit]);
  const [kept, setKept] = useState<Library>();

  useEffect(() => {
    void readLibrary().then(setKept, () => setKept({ notes: [], tasks: [], lastSync: undefined }));
  }, []);

  const library = replica ?? kept;
  if (!library) return <p className="text-muted">Looking on this device…</p>;
  const notes = library.notes.slice(0, limit);
  return (
    <div className="space-y-6">
      {replica ? (
        <p className="text-sm text-muted">Your whole library is on this device.</p>
      ) : (
        library.lastSync && (
          <p className="text-sm text-muted">
            Last synced {new Date(library.lastSync).toLocaleString()}.
          </p>
        )
      )}
      <section aria-labelledby="offline-notes" className="space-y-2">
        <h2 id="offline-notes" className="text-lg font-semibold">
          Notes
        </h2>
        {notes.length === 0 && <p className="text-muted">No notes kept on this device.</p>}
        {notes.map((note) => (
          <details key={note.noteId} className="rounded-lg border border-line bg-surface p-3">
            <summary className="cursor-pointer font-medium">{note.title || "Untitled"}</summary>
            <p className="mt-2 whitespace-pre-wrap text-sm">
              {"content" in note ? note.content : note.excerpt}
            </p>
          </details>
        ))}
        {library.notes.length > limit && (
          <button
            type="button"
            onClick={() => setLimit((shown) => shown + shownStep)}
            className="min-h-11 rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium"
          >
            Show more
          </button>
        )}
      </section>
      <section aria-labelledby="offline-tasks" className="space-y-2">
        <h2 id="offline-tasks" className="text-lg font-semibold">
          Tasks
        </h2>
        {library.tasks.length === 0 && <p className="text-muted">No tasks kept on this device.</p>}
        <ul className="space-y-1">
          {library.tasks.map((task) => (
            <li key={task.taskId} className="rounded-lg border border-line bg-surface p-3 text-sm">
              <span className="font-medium">{task.description}</span>{" "}
              <span className="text-muted">({task.status})</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
