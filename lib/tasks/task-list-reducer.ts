import type { ReplayConflict } from "@/lib/tasks/replays";
import type { Task, TaskCard } from "@/lib/tasks/types";
import { type placeInColumn, statusLabels } from "@/lib/tasks/view";

/**
 * The task list's state and its transitions (pure: the hook `useTaskList` does the I/O).
 * Every change shows at once; the notice reports the outcome and may offer Undo.
 */
export type TaskPlace = ReturnType<typeof placeInColumn>;

/** What Undo puts back: a completion (status and place), or a move to Deleted tasks. */
export type TaskUndo =
  | { readonly kind: "complete"; readonly task: TaskCard; readonly place: TaskPlace }
  | { readonly kind: "trash"; readonly taskId: string };

export interface ListNotice {
  readonly text: string;
  readonly tone: "error" | "info";
  readonly undo?: TaskUndo;
}

export interface TaskListState {
  readonly items: readonly TaskCard[];
  readonly openId?: string;
  readonly notice?: ListNotice;
  /** Offline edits that met a newer version when replayed, by task, until the person chooses. */
  readonly replays: Readonly<Record<string, ReplayConflict>>;
  /** Tasks whose completion (or reopening) is on its way: a new source keeps them as shown. */
  readonly inFlight: readonly string[];
}

export type TaskListAction =
  | { readonly type: "serverList"; readonly initial: readonly TaskCard[] }
  | {
      readonly type: "replicaList";
      /** The view's tasks in the device's replica (its filter applied, pending changes in). */
      readonly items: readonly TaskCard[];
      /** Every live task in the replica, shown or not. */
      readonly liveIds: readonly string[];
    }
  | { readonly type: "opened"; readonly taskId?: string }
  | { readonly type: "added"; readonly task: Task }
  | { readonly type: "saved"; readonly task: Task }
  | { readonly type: "toggling"; readonly task: TaskCard }
  | {
      readonly type: "toggled";
      readonly before: TaskCard;
      readonly task: Task;
      readonly place: TaskPlace;
    }
  | { readonly type: "toggleConflicted"; readonly before: TaskCard; readonly current: Task }
  | { readonly type: "toggleFailed"; readonly before: TaskCard; readonly message: string }
  | { readonly type: "putBack"; readonly before: TaskCard; readonly task: Task }
  | { readonly type: "trashed"; readonly task: TaskCard }
  | { readonly type: "restored"; readonly task: Task }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "replayConflicted"; readonly replay: ReplayConflict };

export function cardOf(task: Task): TaskCard {
  const { details: _details, ...card } = task;
  return card;
}

export function initialList(items: readonly TaskCard[], openId?: string): TaskListState {
  return { items, openId, replays: {}, inFlight: [] };
}

/** Completing shows "completed"; reopening goes back to To do. */
export function toggledStatus(task: TaskCard): TaskCard["status"] {
  return task.status === "completed" ? "todo" : "completed";
}

function replace(items: readonly TaskCard[], card: TaskCard): readonly TaskCard[] {
  return items.map((task) => (task.taskId === card.taskId ? card : task));
}

function prepend(items: readonly TaskCard[], card: TaskCard): readonly TaskCard[] {
  return [card, ...items.filter((task) => task.taskId !== card.taskId)];
}

function settled(state: TaskListState, taskId: string): readonly string[] {
  return state.inFlight.filter((id) => id !== taskId);
}

/**
 * A new snapshot of the replica: its tasks, with this view's own doings kept as shown (a
 * completion on its way, a task completed here that the filter now leaves out but that still
 * exists, a task whose replayed edit awaits the person's choice).
 */
function fromReplica(
  state: TaskListState,
  items: readonly TaskCard[],
  liveIds: readonly string[],
): readonly TaskCard[] {
  const shownHere = new Map(state.items.map((task) => [task.taskId, task]));
  const fresh = items.map((task) =>
    state.inFlight.includes(task.taskId) ? (shownHere.get(task.taskId) ?? task) : task,
  );
  const listed = new Set(items.map((task) => task.taskId));
  const live = new Set(liveIds);
  const kept = state.items.filter(
    (task) =>
      !listed.has(task.taskId) &&
      (task.taskId in state.replays ||
        (live.has(task.taskId) &&
          (task.status === "completed" || state.inFlight.includes(task.taskId)))),
  );
  return [...fresh, ...kept];
}

function withoutReplay(replays: TaskListState["replays"], taskId: string) {
  if (!(taskId in replays)) return replays;
  const { [taskId]: _resolved, ...rest } = replays;
  return rest;
}

export function taskListReducer(state: TaskListState, action: TaskListAction): TaskListState {
  switch (action.type) {
    case "serverList": {
      // The server's list, plus what was completed here (the server leaves it out).
      const fresh = new Set(action.initial.map((task) => task.taskId));
      const kept = state.items.filter(
        (task) => !fresh.has(task.taskId) && task.status === "completed",
      );
      return { ...state, items: [...action.initial, ...kept] };
    }
    case "replicaList":
      return { ...state, items: fromReplica(state, action.items, action.liveIds) };
    case "opened":
      return { ...state, openId: action.taskId };
    case "added":
      return {
        ...state,
        items: prepend(state.items, cardOf(action.task)),
        notice: { tone: "info", text: `Added “${action.task.description}”.` },
      };
    case "saved":
      return {
        ...state,
        items: replace(state.items, cardOf(action.task)),
        replays: withoutReplay(state.replays, action.task.taskId),
      };
    case "toggling":
      return {
        ...state,
        items: replace(state.items, { ...action.task, status: toggledStatus(action.task) }),
        inFlight: [...settled(state, action.task.taskId), action.task.taskId],
      };
    case "toggled": {
      const { before, task, place } = action;
      return {
        ...state,
        items: replace(state.items, cardOf(task)),
        inFlight: settled(state, task.taskId),
        notice:
          task.status === "completed"
            ? {
                tone: "info",
                text: `Completed “${before.description}”.`,
                undo: { kind: "complete", task: before, place },
              }
            : { tone: "info", text: `Reopened “${before.description}”.` },
      };
    }
    case "toggleConflicted":
      return {
        ...state,
        items: replace(state.items, cardOf(action.current)),
        inFlight: settled(state, action.before.taskId),
        notice: {
          tone: "error",
          text: `“${action.before.description}” changed elsewhere; showing the newer version (${statusLabels[action.current.status]}). Try again if you still want to change it.`,
        },
      };
    case "toggleFailed":
      return {
        ...state,
        items: replace(state.items, action.before),
        inFlight: settled(state, action.before.taskId),
        notice: { tone: "error", text: action.message },
      };
    case "putBack":
      return {
        ...state,
        items: replace(state.items, cardOf(action.task)),
        notice: {
          tone: "info",
          text: `“${action.before.description}” is back in ${statusLabels[action.before.status]}.`,
        },
      };
    case "trashed":
      return {
        ...state,
        items: state.items.filter((item) => item.taskId !== action.task.taskId),
        // Drawn from the replica the task left the list before this answer: another task's
        // editor may be open by now.
        openId: state.openId === action.task.taskId ? undefined : state.openId,
        notice: {
          tone: "info",
          text: `Moved “${action.task.description}” to Deleted tasks.`,
          undo: { kind: "trash", taskId: action.task.taskId },
        },
      };
    case "restored":
      return {
        ...state,
        items: prepend(state.items, cardOf(action.task)),
        notice: { tone: "info", text: `Restored “${action.task.description}”.` },
      };
    case "failed":
      return { ...state, notice: { tone: "error", text: action.message } };
    case "replayConflicted": {
      // The choice is made in the task's editor: open it, with the task on the list if the
      // view's filter had left it out.
      const { replay } = action;
      const listed = state.items.some((task) => task.taskId === replay.taskId);
      return {
        ...state,
        items: listed ? state.items : prepend(state.items, cardOf(replay.current)),
        openId: replay.taskId,
        replays: { ...state.replays, [replay.taskId]: replay },
      };
    }
  }
}
