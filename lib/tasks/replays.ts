import { readSentTaskPatch, type SentTaskPatch } from "@/lib/offline/record-shapes";
import type { SyncEvent } from "@/lib/offline/sync";
import type { Task } from "@/lib/tasks/types";

/**
 * What a task view makes of the outbox's answers: a change made offline and replayed later
 * that the server refused, or that met someone else's newer version. Pure, so every view
 * (list, board, editor) reads the events the same way.
 */
export type TaskChange = "add" | "edit" | "move" | "delete" | "restore";

/**
 * A task PATCH body as this device sent it (read back from the outbox): only the shape (a small
 * check, lib/offline/record-shapes.ts): the server already checked the values.
 */
export type ReplayedPatch = Omit<SentTaskPatch, "version" | "base">;

/** An edit replayed against a version that is no longer current: the person chooses. */
export interface ReplayConflict {
  readonly kind: "conflict";
  readonly taskId: string;
  /** The server's task now. */
  readonly current: Task;
  /** The fields this device tried to change. */
  readonly patch: ReplayedPatch;
}

/** Any other change the server did not apply: the person is told. */
export interface ReplayRefusal {
  readonly kind: "refused";
  readonly change: TaskChange;
  readonly taskId?: string;
  /** The description sent with the change (a new task's, an edited one). */
  readonly description?: string;
  readonly message: string;
}

export type ReplayProblem = ReplayConflict | ReplayRefusal;

const taskUrl = /^\/api\/tasks(?:\/([^/?]+)(?:\/(move|restore))?)?(?:\?.*)?$/;

function changeOf(method: string, url: string): { change: TaskChange; taskId?: string } | null {
  const match = taskUrl.exec(url);
  if (!match) return null;
  const [, taskId, action] = match;
  if (!taskId) return method === "POST" ? { change: "add" } : null;
  if (action) return method === "POST" ? { change: action as TaskChange, taskId } : null;
  if (method === "PATCH") return { change: "edit", taskId };
  if (method === "DELETE") return { change: "delete", taskId };
  return null;
}

function isTask(value: unknown, taskId: string): value is Task {
  const task = value as Partial<Task> | null;
  return (
    typeof task === "object" &&
    task !== null &&
    task.taskId === taskId &&
    typeof task.description === "string" &&
    typeof task.version === "number"
  );
}

/** The problem a sync event reports about a task change, if it is one. */
export function replayProblemOf(event: SyncEvent): ReplayProblem | undefined {
  if (event.type !== "conflict" && event.type !== "refused") return undefined;
  const change = changeOf(event.mutation.method, event.mutation.url);
  if (!change) return undefined;
  const sent = event.mutation.body ?? {};
  const description = typeof sent.description === "string" ? sent.description : undefined;
  if (event.type === "conflict") {
    const body = event.body as { current?: unknown; error?: { message?: unknown } } | undefined;
    const patch = readSentTaskPatch(sent);
    if (change.change === "edit" && change.taskId && patch) {
      if (isTask(body?.current, change.taskId)) {
        const { version: _version, base: _base, ...fields } = patch;
        return { kind: "conflict", taskId: change.taskId, current: body.current, patch: fields };
      }
    }
    const message =
      typeof body?.error?.message === "string" ? body.error.message : "It changed elsewhere.";
    return { kind: "refused", ...change, description, message };
  }
  return { kind: "refused", ...change, description, message: event.message };
}

const failures: Record<TaskChange, string> = {
  add: "could not be added",
  edit: "was not saved",
  move: "could not be moved",
  delete: "could not be deleted",
  restore: "could not be restored",
};

/** What to tell the person; `known` is the description the view shows for the task. */
export function refusalText(refusal: ReplayRefusal, known?: string): string {
  const name = known ?? refusal.description;
  const subject =
    refusal.change === "edit"
      ? name
        ? `Your change to “${name}”`
        : "A change to a task"
      : name
        ? `“${name}”`
        : "A task";
  return `${subject} ${failures[refusal.change]}: ${refusal.message}`;
}
