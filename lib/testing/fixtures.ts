import type { Note } from "@/lib/notes/types";
import type { QueuedMutation } from "@/lib/offline/store";
import type { Task, TaskCard } from "@/lib/tasks/types";

/** One instant for every fixture, so tests that compare timestamps compare equals. */
export const fixtureTime = "2026-11-23T09:00:00.000Z";

/** A task as the API answers it: plain defaults, overridden by `fields` (unit tests of client code). */
export function taskFixture(taskId: string, fields: Partial<Task> = {}): Task {
  return {
    taskId,
    description: `Task ${taskId}`,
    details: "",
    status: "todo",
    priority: "medium",
    dueDate: null,
    position: taskId,
    noteId: null,
    completedAt: null,
    createdAt: fixtureTime,
    updatedAt: fixtureTime,
    version: 1,
    deletedAt: null,
    ...fields,
  };
}

/** A task as a list shows it: the task without its details. */
export function taskCardFixture(taskId: string, fields: Partial<TaskCard> = {}): TaskCard {
  const { details: _details, ...card } = taskFixture(taskId, fields);
  return card;
}

/** A note as the API answers it: plain defaults, overridden by `fields`. */
export function noteFixture(fields: Partial<Note> = {}): Note {
  return {
    noteId: "01HZZZZZZZZZZZZZZZZZZZZZZZ",
    title: "Groceries",
    content: "milk",
    pinned: false,
    remoteImages: false,
    tags: [],
    attachments: [],
    createdAt: fixtureTime,
    updatedAt: fixtureTime,
    version: 3,
    deletedAt: null,
    ...fields,
  };
}

/** A queued edit (PATCH) as the outbox keeps it, keyed by its own id. */
export function queuedEditFixture(
  id: string,
  body: Record<string, unknown>,
  url = `/api/tasks/${id}`,
): QueuedMutation {
  return {
    id,
    method: "PATCH",
    url,
    body,
    idempotencyKey: `key-${id}`,
    mergeKey: `PATCH ${url}`,
    label: `Edit ${id}`,
    createdAt: fixtureTime,
  };
}
