"use client";

import { useEffect, useState } from "react";
import { readLibrary } from "@/lib/offline/store";

type Library = Awaited<ReturnType<typeof readLibrary>>;

/** Whatever notes and tasks this device kept, readable without a connection. */
export function OfflineLibrary() {
  const [library, setLibrary] = useState<Library>();

  useEffect(() => {
    void readLibrary().then(setLibrary, () =>
      setLibrary({ notes: [], tasks: [], lastSync: undefined }),
    );
  }, []);

  if (!library) return <p className="text-muted">Looking on this device…</p>;
  return (
    <div className="space-y-6">
      {library.lastSync && (
        <p className="text-sm text-muted">
          Last synced {new Date(library.lastSync).toLocaleString()}.
        </p>
      )}
      <section aria-labelledby="offline-notes" className="space-y-2">
        <h2 id="offline-notes" className="text-lg font-semibold">
          Notes
        </h2>
        {library.notes.length === 0 && <p className="text-muted">No notes kept on this device.</p>}
        {library.notes.map((note) => (
          <details key={note.noteId} className="rounded-lg border border-line bg-surface p-3">
            <summary className="cursor-pointer font-medium">{note.title || "Untitled"}</summary>
            <p className="mt-2 whitespace-pre-wrap text-sm">
              {"content" in note ? note.content : note.excerpt}
            </p>
          </details>
        ))}
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
