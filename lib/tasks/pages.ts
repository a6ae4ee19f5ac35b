import "server-only";
import { getNoteTitles } from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import { getTask } from "@/lib/db/tasks-repository";
import { getUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { type TaskStatus, taskLimits } from "@/lib/tasks/schemas";
import { findTasks } from "@/lib/tasks/service";
import type { TaskCard, TaskPage } from "@/lib/tasks/types";
import type { TaskCounts, TaskListView } from "@/lib/tasks/view";

/** What the tasks pages read, each in one call: the queries are chosen here, not in app/. */

/** The per-user counters kept on the user item: no counting queries. */
export async function taskCountsOf(db: Database, userId: string): Promise<TaskCounts> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError("not_found", "This account no longer exists.");
  return user.counts.tasks;
}

/** The titles of the notes these tasks link to, for showing them beside each task. */
export function linkedNoteTitles(
  db: Database,
  userId: string,
  cards: readonly TaskCard[],
): Promise<Record<string, string>> {
  const ids = cards.flatMap((card) => (card.noteId ? [card.noteId] : []));
  return getNoteTitles(db, userId, ids);
}

/** The list page's tasks: one page (the largest) per kind shown, and a task to open. */
export interface TaskListPage {
  readonly counts: TaskCounts;
  readonly items: TaskCard[];
  /** Some kind had more tasks than one page. */
  readonly truncated: boolean;
  readonly noteTitles: Record<string, string>;
  /** The task the address asked to open, when it is the caller's and live. */
  readonly focusTaskId?: string;
}

/**
 * The list page: open tasks (To do and In progress) by default, one status or a due filter when
 * asked; a task named in the address (`?task=`) is shown first even outside the filter.
 */
export async function readTaskList(
  db: Database,
  userId: string,
  view: TaskListView,
): Promise<TaskListPage> {
  // Due filters read the ByDue index, which holds open tasks only.
  const status = view.due && view.status === "completed" ? undefined : view.status;
  const statuses: (TaskStatus | undefined)[] =
    view.due || status ? [status] : ["todo", "in-progress"];
  const [counts, pages, focus] = await Promise.all([
    taskCountsOf(db, userId),
    Promise.all(
      statuses.map((each) =>
        findTasks(db, userId, {
          status: each,
          due: view.due,
          today: view.today,
          limit: taskLimits.maxPageSize,
        }),
      ),
    ),
    view.task ? getTask(db, userId, view.task) : undefined,
  ]);
  const items: TaskCard[] = pages.flatMap((page) => page.items);
  const open = focus && !focus.deletedAt ? focus : undefined;
  if (open && !items.some((item) => item.taskId === open.taskId)) {
    const { details: _details, ...card } = open;
    items.unshift(card);
  }
  return {
    counts,
    items,
    truncated: pages.some((page) => page.nextCursor),
    noteTitles: await linkedNoteTitles(db, userId, items),
    focusTaskId: open?.taskId,
  };
}

/**
 * Cards per column on the server-drawn board's first paint. Every card is rendered, sent twice
 * (HTML and the props' payload) and hydrated: 50 a column (150 cards) made most of the board's
 * main-thread work at load on a phone (Lighthouse, issue 13); a phone shows a few. "Load more"
 * pages on from the cursor with the API's own page size.
 */
export const boardFirstPage = 20;

/** The board: its three columns (first page each), the counters and the linked notes' titles. */
export async function readTaskBoard(db: Database, userId: string) {
  const first = { limit: boardFirstPage };
  const [counts, todo, inProgress, completed] = await Promise.all([
    taskCountsOf(db, userId),
    findTasks(db, userId, { status: "todo", ...first }),
    findTasks(db, userId, { status: "in-progress", ...first }),
    findTasks(db, userId, { status: "completed", ...first }),
  ]);
  const columns: Record<TaskStatus, TaskPage> = { todo, "in-progress": inProgress, completed };
  const noteTitles = await linkedNoteTitles(db, userId, [
    ...todo.items,
    ...inProgress.items,
    ...completed.items,
  ]);
  return { counts, columns, noteTitles };
}

/** The deleted tasks page: the newest trashed tasks (one page) and the counters. */
export async function readDeletedTasks(db: Database, userId: string) {
  const [counts, page] = await Promise.all([
    taskCountsOf(db, userId),
    findTasks(db, userId, { trash: true, limit: taskLimits.maxPageSize }),
  ]);
  return { counts, page };
}
