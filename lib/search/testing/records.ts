/** Notes and tasks for the search tests, with only what a test cares about given. */
import type { Note } from "@/lib/notes/types";
import type { Task } from "@/lib/tasks/types";

let counter = 0;

function nextId(): string {
  counter++;
  return `01J${String(counter).padStart(23, "0")}`;
}

export function aNote(fields: Partial<Note> = {}): Note {
  return {
    noteId: nextId(),
    title: "",
    content: "",
    pinned: false,
    tags: [],
    attachments: [],
    remoteImages: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    version: 1,
    deletedAt: null,
    ...fields,
  };
}

export function aTask(fields: Partial<Task> = {}): Task {
  return {
    taskId: nextId(),
    description: "",
    details: "",
    status: "todo",
    priority: "medium",
    dueDate: null,
    position: "a0",
    noteId: null,
    completedAt: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    version: 1,
    deletedAt: null,
    ...fields,
  } as Task;
}
