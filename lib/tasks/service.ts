import "server-only";
import { forgetIdempotentAnswers } from "@/lib/db/idempotency-repository";
import { getNote, updateNote } from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import {
  createTask,
  deleteTrashedTask,
  getTask,
  listColumn,
  listDueTasks,
  listTasks,
  listTasksLinkedToNote,
  moveTask,
  type NewTask,
  restoreTask,
  type TaskMove,
  type TaskPatch,
  type TaskPatchBase,
  trashTask,
  updateTask,
} from "@/lib/db/tasks-repository";
import { again, lostRace, withRetries } from "@/lib/db/transact";
import { AppError } from "@/lib/errors";
import { setChecklistItemsWhere } from "@/lib/notes/checklist";
import { type DueFilter, type TaskStatus, taskLimits } from "@/lib/tasks/schemas";
import type { Task, TaskCard, TaskPage } from "@/lib/tasks/types";
import { checklistKey } from "@/lib/tasks/view";

function assertDetailsSize(details: string | undefined): void {
  if (details !== undefined && Buffer.byteLength(details, "utf8") > taskLimits.detailsBytes) {
    throw new AppError("too_large", "Task details are limited to 20 KB.", {
      fieldErrors: { details: ["Task details are limited to 20 KB."] },
    });
  }
}

/** A task may only link to a live note of the same user; anything else reads as missing. */
async function assertOwnNote(db: Database, userId: string, noteId: string): Promise<void> {
  if (!(await getNote(db, userId, noteId))) {
    throw new AppError("not_found", "That note does not exist.", {
      fieldErrors: { noteId: ["That note does not exist."] },
    });
  }
}

/** This user's task, trashed or not, or a 404: the one read-or-404 for routes and pages. */
export async function requireTask(db: Database, userId: string, taskId: string): Promise<Task> {
  const task = await getTask(db, userId, taskId);
  if (!task) throw new AppError("not_found", "This task does not exist.");
  return task;
}

export async function createTaskWithChecks(
  db: Database,
  userId: string,
  input: NewTask,
): Promise<{ task: Task; created: boolean }> {
  assertDetailsSize(input.details);
  // A replayed create answers with the task as it is, even if its note has gone since.
  if (input.taskId) {
    const existing = await getTask(db, userId, input.taskId);
    if (existing) return { task: existing, created: false };
  }
  if (input.noteId) await assertOwnNote(db, userId, input.noteId);
  return createTask(db, userId, input);
}

/**
 * Applies the named fields of a task edit. `based` is what the edit was made against: per
 * changed field the value the client saw (edits of other fields made elsewhere stay), or the
 * whole task's version (an outbox entry queued by an earlier build).
 */
export async function updateTaskWithChecks(
  db: Database,
  userId: string,
  taskId: string,
  patch: TaskPatch,
  based: TaskPatchBase,
): Promise<Task> {
  assertDetailsSize(patch.details);
  if (patch.noteId) await assertOwnNote(db, userId, patch.noteId);
  const task = await updateTask(db, userId, taskId, patch, based);
  if (patch.status) await tickLinkedChecklistLines(db, userId, task);
  return task;
}

/** A drag and drop; a drop into or out of Done ticks or unticks the note's linked line. */
export async function moveTaskWithLinks(
  db: Database,
  userId: string,
  taskId: string,
  move: TaskMove,
): Promise<Task> {
  const task = await moveTask(db, userId, taskId, move);
  if (move.status) await tickLinkedChecklistLines(db, userId, task);
  return task;
}

/**
 * Keeps a note's checklist in step with a task made from one of its lines (same note, same
 * text): the lines are ticked while the task is done and open otherwise. The note is rewritten
 * only if a line changes, at the version just read; a racing edit makes it read again.
 */
async function tickLinkedChecklistLines(db: Database, userId: string, task: Task): Promise<void> {
  const noteId = task.noteId;
  if (!noteId) return;
  const key = checklistKey(task.description);
  const done = task.status === "completed";
  await withRetries(async () => {
    const note = await getNote(db, userId, noteId);
    if (!note) return;
    const content = setChecklistItemsWhere(
      note.content,
      (text) => checklistKey(text) === key,
      done,
    );
    if (content === note.content) return;
    try {
      await updateNote(db, userId, note.noteId, { content }, note.version);
    } catch (error) {
      // Changed since read: read again. Gone: nothing left to tick.
      if (error instanceof AppError && error.code === "conflict") return again;
      if (error instanceof AppError && error.code === "not_found") return;
      throw error;
    }
  }, lostRace);
}

export interface TaskQuery {
  readonly status?: TaskStatus;
  readonly due?: DueFilter;
  readonly trash?: boolean;
  readonly today?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

/**
 * One entry point for task lists: a due filter reads the ByDue index (optionally one status),
 * a status alone is a board column, otherwise the live tasks (or the trash) newest first.
 */
export function findTasks(db: Database, userId: string, query: TaskQuery): Promise<TaskPage> {
  const page = { cursor: query.cursor, limit: query.limit };
  if (query.due) {
    return listDueTasks(db, userId, query.due, {
      ...page,
      today: query.today,
      status: query.status,
    });
  }
  if (query.status) return listColumn(db, userId, query.status, page);
  return listTasks(db, userId, { ...page, trash: query.trash });
}

/** Moves a task to the trash (restorable until the trash period ends); a replay is a no-op. */
export function moveTaskToTrash(db: Database, userId: string, taskId: string): Promise<Task> {
  return trashTask(db, userId, taskId);
}

/** Brings a task back from the trash to its place; restoring a live task is a no-op. */
export function restoreTaskFromTrash(db: Database, userId: string, taskId: string): Promise<Task> {
  return restoreTask(db, userId, taskId);
}

// Enough for any real Done column in one click, bounded so one request stays short.
const maxCleared = 500;

/**
 * "Clear done": the Done column goes to the trash, page by page, up to `maxCleared` tasks.
 * Answers how many were moved.
 */
export async function clearDoneTasks(db: Database, userId: string): Promise<number> {
  let cleared = 0;
  let cursor: string | undefined;
  do {
    const page = await listColumn(db, userId, "completed", { cursor, limit: 100 });
    // One at a time: each trash also updates the shared counters on the user item.
    for (const card of page.items) {
      await trashTask(db, userId, card.taskId);
      cleared++;
    }
    cursor = page.nextCursor;
  } while (cursor && cleared < maxCleared);
  return cleared;
}

/** The tasks made from this user's note, for the note's page. */
export function tasksLinkedToNote(
  db: Database,
  userId: string,
  noteId: string,
): Promise<TaskCard[]> {
  return listTasksLinkedToNote(db, userId, noteId);
}

/** Deletes a trashed task for good, and every stored replay answer that holds its content. */
export async function deleteTaskForever(db: Database, userId: string, taskId: string) {
  await deleteTrashedTask(db, userId, taskId);
  await forgetIdempotentAnswers(db, userId, [`task#${taskId}`]);
}
