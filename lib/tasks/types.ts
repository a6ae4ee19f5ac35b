/** Tasks as the app and its clients see them (no storage details): safe to import anywhere. */
import type { TaskPriority, TaskStatus } from "@/lib/tasks/schemas";

/** What a list shows of a task: everything but `details` (the indexes do not project it). */
export interface TaskCard {
  readonly taskId: string;
  readonly description: string;
  readonly status: TaskStatus;
  readonly priority: TaskPriority;
  readonly dueDate: string | null;
  readonly position: string;
  readonly noteId: string | null;
  readonly completedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly deletedAt: string | null;
}

export interface Task extends TaskCard {
  readonly details: string;
}

export interface TaskPage {
  readonly items: readonly TaskCard[];
  readonly nextCursor?: string;
}
