/**
 * The tasks' fixed vocabularies and limits, without zod: client bundles import these, and
 * importing lib/tasks/schemas.ts for a constant would ship full zod to every tasks page.
 */

export const taskStatuses = ["todo", "in-progress", "completed"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskPriorities = ["low", "medium", "high"] as const;
export type TaskPriority = (typeof taskPriorities)[number];

export const taskLimits = {
  description: 500,
  detailsBytes: 20 * 1024,
  pageSize: 50,
  maxPageSize: 100,
} as const;

export const dueFilters = ["overdue", "week"] as const;
export type DueFilter = (typeof dueFilters)[number];
