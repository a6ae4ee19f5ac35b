import { compareCodeUnits } from "@/lib/compare";
import { checklistItems } from "@/lib/notes/checklist";
import { type TaskPriority, taskLimits } from "@/lib/tasks/constants";
import type { TaskCard } from "@/lib/tasks/types";

/**
 * What the tasks pages share with the browser: the list's view in the URL, sorting, dates in
 * the reader's own day, and the checklist lines of a note. No server-only imports here, and no
 * zod: the board and the list import these labels at first paint (the list's query schema is
 * in list-view.ts, read by the server).
 */

export const taskSorts = ["due", "priority", "created"] as const;
export type TaskSort = (typeof taskSorts)[number];
export type { TaskListView } from "@/lib/tasks/list-view";

export const statusLabels = {
  todo: "To do",
  "in-progress": "In progress",
  completed: "Done",
} as const;

export const priorityLabels: Record<TaskPriority, string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
};

const priorityRank: Record<TaskPriority, number> = { high: 0, medium: 1, low: 2 };

/** Due: soonest first, undated last. Priority: high first. Created: newest first. */
export function sortTasks(cards: readonly TaskCard[], sort: TaskSort): TaskCard[] {
  const newestFirst = (a: TaskCard, b: TaskCard) => compareCodeUnits(b.taskId, a.taskId);
  return [...cards].sort((a, b) => {
    if (sort === "due") {
      const byDue = compareCodeUnits(a.dueDate ?? "9999-12-31", b.dueDate ?? "9999-12-31");
      return byDue || priorityRank[a.priority] - priorityRank[b.priority] || newestFirst(a, b);
    }
    if (sort === "priority") {
      return (
        priorityRank[a.priority] - priorityRank[b.priority] ||
        compareCodeUnits(a.dueDate ?? "9999-12-31", b.dueDate ?? "9999-12-31") ||
        newestFirst(a, b)
      );
    }
    return newestFirst(a, b);
  });
}

/**
 * Where a task sits in its column among the cards at hand, as a move names it: after the nearest
 * card above it, else before the nearest below, else nowhere in particular (the column's end).
 */
export function placeInColumn(
  cards: readonly TaskCard[],
  task: TaskCard,
): { afterTaskId?: string; beforeTaskId?: string } {
  let above: TaskCard | undefined;
  let below: TaskCard | undefined;
  for (const card of cards) {
    if (card.taskId === task.taskId || card.status !== task.status) continue;
    if (card.position < task.position && (!above || card.position > above.position)) above = card;
    if (card.position > task.position && (!below || card.position < below.position)) below = card;
  }
  if (above) return { afterTaskId: above.taskId };
  return below ? { beforeTaskId: below.taskId } : {};
}

/** The calendar date where the reader is, as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Only open tasks can be overdue. */
export function isOverdue(card: Pick<TaskCard, "dueDate" | "status">, today: string): boolean {
  return card.status !== "completed" && card.dueDate !== null && card.dueDate < today;
}

/** A note a task can link to, as the editor's picker shows it. */
export interface NoteOption {
  readonly noteId: string;
  readonly title: string;
}

export interface TaskCounts {
  readonly todo: number;
  readonly inProgress: number;
  readonly completed: number;
}

export function countsSentence(counts: TaskCounts): string {
  return `${counts.todo} to do, ${counts.inProgress} in progress, ${counts.completed} done`;
}

export interface ChecklistLine {
  readonly text: string;
  /** 1-based line number in the note, so equal texts stay distinct. */
  readonly line: number;
}

/** The unchecked task-list lines (`- [ ] text`) of a markdown note, outside code fences. */
export function uncheckedChecklistLines(markdown: string): ChecklistLine[] {
  return checklistItems(markdown)
    .filter((item) => !item.checked)
    .map(({ text, line }) => ({ text, line }));
}

/**
 * What links a checklist line and a task of the same note: the line's text as "Make a task"
 * turns it into a description, ignoring case and spacing.
 */
export function checklistKey(text: string): string {
  return text.slice(0, taskLimits.description).trim().replace(/\s+/g, " ").toLowerCase();
}

/** Compares a checklist line with a task's description, ignoring case and spacing. */
export function sameText(a: string, b: string): boolean {
  return checklistKey(a) === checklistKey(b);
}
