import { compareCodeUnits } from "@/lib/compare";
import type { Columns } from "@/lib/tasks/board-reducer";
import type { Task, TaskCard } from "@/lib/tasks/types";
import type { TaskCounts, TaskListView } from "@/lib/tasks/view";

/**
 * The task views computed in the browser from the whole library kept on the device (the
 * replica), with the same meaning as the server's queries in lib/tasks/pages.ts: what a filter
 * shows does not depend on where the view was drawn. Pure; order within the list is `sortTasks`.
 */

function cardOf(task: Task | TaskCard): TaskCard {
  if (!("details" in task)) return task;
  const { details: _details, ...card } = task;
  return card;
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

const live = (task: TaskCard) => task.deletedAt === null;
const open = (task: TaskCard) => task.status !== "completed";

/**
 * The list: open tasks by default, one status, or a due filter (open tasks only, as the ByDue
 * index holds them: overdue before `today`, this week `today` and the six days after). A task
 * named in the address comes first even outside the filter.
 */
export function listFromReplica(
  tasks: readonly (Task | TaskCard)[],
  view: TaskListView,
  today: string,
): { items: TaskCard[]; focusTaskId?: string } {
  const day = view.today ?? today;
  const status = view.due && view.status === "completed" ? undefined : view.status;
  const weekEnd = addDays(day, 7);
  const shown = (task: TaskCard) => {
    if (!live(task)) return false;
    if (view.due) {
      if (!open(task) || task.dueDate === null) return false;
      const due = task.dueDate;
      if (view.due === "overdue" ? due >= day : due < day || due >= weekEnd) return false;
      return status === undefined || task.status === status;
    }
    return status ? task.status === status : open(task);
  };
  const items = tasks.map(cardOf).filter(shown);
  const focus = view.task ? tasks.find((task) => task.taskId === view.task) : undefined;
  if (!focus || !live(focus)) return { items };
  return {
    items: [cardOf(focus), ...items.filter((item) => item.taskId !== focus.taskId)],
    focusTaskId: focus.taskId,
  };
}

const byPosition = (a: TaskCard, b: TaskCard) =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : compareCodeUnits(a.taskId, b.taskId);

/** The board: each status's live tasks in position order (the ByStatus index's order). */
export function boardFromReplica(tasks: readonly (Task | TaskCard)[]): Columns {
  const cards = tasks.map(cardOf).filter(live).sort(byPosition);
  return {
    todo: cards.filter((task) => task.status === "todo"),
    "in-progress": cards.filter((task) => task.status === "in-progress"),
    completed: cards.filter((task) => task.status === "completed"),
  };
}

/** Deleted tasks, the most recently deleted first. */
export function trashFromReplica(tasks: readonly (Task | TaskCard)[]): TaskCard[] {
  return tasks
    .map(cardOf)
    .filter((task) => task.deletedAt !== null)
    .sort((a, b) => compareCodeUnits(b.deletedAt ?? "", a.deletedAt ?? ""));
}

/** The counters the header shows, as the server keeps them on the user item. */
export function countsFromReplica(tasks: readonly (Task | TaskCard)[]): TaskCounts {
  const counts = { todo: 0, inProgress: 0, completed: 0 };
  for (const task of tasks) {
    if (!live(task)) continue;
    if (task.status === "todo") counts.todo++;
    else if (task.status === "in-progress") counts.inProgress++;
    else counts.completed++;
  }
  return counts;
}

/** The notes these tasks link to, by id, for their titles. */
export function linkedNoteIds(tasks: readonly TaskCard[]): string[] {
  return [...new Set(tasks.flatMap((task) => (task.noteId ? [task.noteId] : [])))];
}
