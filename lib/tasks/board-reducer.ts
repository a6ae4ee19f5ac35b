import { type TaskStatus, taskStatuses } from "@/lib/tasks/constants";
import type { TaskCard, TaskPage } from "@/lib/tasks/types";
import { statusLabels } from "@/lib/tasks/view";

/**
 * The board's state and its transitions (pure: the hook `useTaskBoard` sends the moves).
 * A drop shows at once and adds a move to `moves`; each move names the neighbours it was
 * dropped between and leaves the list when the server answers, put back if it refused.
 */
export type Columns = Readonly<Record<TaskStatus, readonly TaskCard[]>>;
type PerStatus<T> = Readonly<Record<TaskStatus, T>>;
export type BoardPages = PerStatus<TaskPage>;

export interface BoardMove {
  readonly id: number;
  /** The card as it was picked up. */
  readonly task: TaskCard;
  readonly fromStatus: TaskStatus;
  readonly fromIndex: number;
  readonly status: TaskStatus;
  readonly afterTaskId?: string;
  readonly beforeTaskId?: string;
}

export interface BoardNotice {
  readonly text: string;
  readonly tone: "error" | "info";
}

export interface BoardState {
  readonly columns: Columns;
  readonly cursors: PerStatus<string | undefined>;
  /** Counts moved by drops since the server's counts were read. */
  readonly countShift: PerStatus<number>;
  readonly activeId: string | null;
  /** The columns when the drag started, to put back on cancel. */
  readonly before: Columns | null;
  /** Dropped, not answered yet, in order. */
  readonly moves: readonly BoardMove[];
  readonly nextMoveId: number;
  readonly notice?: BoardNotice;
  readonly loading: TaskStatus | null;
  /** The columns hold every task (drawn from the device's replica): no pages, exact counts. */
  readonly whole: boolean;
  /** The replica's columns as last read, under the moves in flight. */
  readonly source?: Columns;
  /** Drawn from the replica: how many cards each column shows (a window, like the server's page). */
  readonly shown: PerStatus<number>;
  /** Drawn from the replica: every live task per column, shown or not. */
  readonly totals: PerStatus<number>;
}

export type BoardAction =
  | { readonly type: "serverPages"; readonly pages: BoardPages; readonly online: boolean }
  /** A new snapshot of the replica (pending local changes included). */
  | { readonly type: "replicaColumns"; readonly columns: Columns }
  | { readonly type: "dragStarted"; readonly activeId: string }
  | {
      readonly type: "draggedOver";
      readonly activeId: string;
      readonly overId: string;
      /** The dragged card's top is below the middle of the card it is over. */
      readonly below: boolean;
    }
  | { readonly type: "dropped"; readonly activeId: string; readonly overId: string | null }
  | { readonly type: "dragCancelled" }
  | { readonly type: "moveSaved"; readonly moveId: number; readonly task: TaskCard }
  | { readonly type: "moveRefused"; readonly moveId: number; readonly message: string }
  | { readonly type: "loading"; readonly status: TaskStatus }
  | { readonly type: "showMore"; readonly status: TaskStatus }
  | { readonly type: "loaded"; readonly status: TaskStatus; readonly page: TaskPage }
  | { readonly type: "failed"; readonly text: string };

const noShift: PerStatus<number> = { todo: 0, "in-progress": 0, completed: 0 };

/**
 * Cards a replica-drawn column shows at first and adds per "Load more": the server's page size.
 * Thousands of sortable cards would take seconds to mount; the replica has them all the same.
 */
export const boardWindow = 100;
const firstWindow: PerStatus<number> = {
  todo: boardWindow,
  "in-progress": boardWindow,
  completed: boardWindow,
};

function columnsOf(pages: BoardPages): Columns {
  return {
    todo: pages.todo.items,
    "in-progress": pages["in-progress"].items,
    completed: pages.completed.items,
  };
}

function cursorsOf(pages: BoardPages): BoardState["cursors"] {
  return {
    todo: pages.todo.nextCursor,
    "in-progress": pages["in-progress"].nextCursor,
    completed: pages.completed.nextCursor,
  };
}

export function initialBoard(pages: BoardPages): BoardState {
  return {
    columns: columnsOf(pages),
    cursors: cursorsOf(pages),
    countShift: noShift,
    activeId: null,
    before: null,
    moves: [],
    nextMoveId: 1,
    loading: null,
    whole: false,
    shown: firstWindow,
    totals: noShift,
  };
}

/** A column's count: exact from a whole board, else the server's counter moved by the drops. */
export function columnCount(state: BoardState, status: TaskStatus, counted: number): number {
  if (state.whole) return state.totals[status];
  return Math.max(0, counted + state.countShift[status]);
}

function isStatus(id: string): id is TaskStatus {
  return (taskStatuses as readonly string[]).includes(id);
}

/** A column (index -1) or a card in one. */
export function locate(columns: Columns, id: string) {
  if (isStatus(id)) return { status: id, index: -1 };
  for (const status of taskStatuses) {
    const index = columns[status].findIndex((task) => task.taskId === id);
    if (index >= 0) return { status, index, task: columns[status][index] as TaskCard };
  }
  return undefined;
}

/** Where a card or column is, as the announcements say it. */
export function placeOf(columns: Columns, id: string): string {
  const found = locate(columns, id);
  if (!found) return "nowhere";
  if (found.index < 0) return `the ${statusLabels[found.status]} column`;
  return `${statusLabels[found.status]}, position ${found.index + 1} of ${columns[found.status].length}`;
}

export function nameOf(columns: Columns, id: string): string {
  return locate(columns, id)?.task?.description ?? "the task";
}

function shifted(shift: PerStatus<number>, from: TaskStatus, to: TaskStatus, by: number) {
  if (from === to) return shift;
  return { ...shift, [from]: shift[from] - by, [to]: shift[to] + by };
}

function moveWithin(list: readonly TaskCard[], from: number, to: number): TaskCard[] {
  const next = [...list];
  const [card] = next.splice(from, 1);
  if (card) next.splice(to, 0, card);
  return next;
}

/** Crossing into another column moves the card there at once, so the column makes room. */
function dragOver(columns: Columns, activeId: string, overId: string, below: boolean): Columns {
  const from = locate(columns, activeId);
  const to = locate(columns, overId);
  if (!from?.task || !to || from.status === to.status) return columns;
  const target = columns[to.status];
  const index = to.index < 0 ? target.length : to.index + (below ? 1 : 0);
  return {
    ...columns,
    [from.status]: columns[from.status].filter((task) => task.taskId !== activeId),
    [to.status]: [
      ...target.slice(0, index),
      { ...from.task, status: to.status },
      ...target.slice(index),
    ],
  };
}

function drop(state: BoardState, activeId: string, overId: string | null): BoardState {
  const start = state.before;
  const ended = { ...state, activeId: null, before: null };
  if (!start) return ended;
  if (overId === null) return { ...ended, columns: start };
  let next = state.columns;
  const here = locate(next, activeId);
  const target = locate(next, overId);
  if (!here?.task) return ended;
  if (target && target.status === here.status && target.index >= 0 && target.index !== here.index)
    next = { ...next, [here.status]: moveWithin(next[here.status], here.index, target.index) };
  const origin = locate(start, activeId);
  const placed = locate(next, activeId);
  if (!origin?.task || !placed) return { ...ended, columns: next };
  const list = next[placed.status];
  const afterTaskId = list[placed.index - 1]?.taskId;
  const beforeTaskId = list[placed.index + 1]?.taskId;
  const was = start[origin.status];
  if (
    origin.status === placed.status &&
    was[origin.index - 1]?.taskId === afterTaskId &&
    was[origin.index + 1]?.taskId === beforeTaskId
  ) {
    return { ...ended, columns: next };
  }
  const move: BoardMove = {
    id: state.nextMoveId,
    task: origin.task,
    fromStatus: origin.status,
    fromIndex: origin.index,
    status: placed.status,
    afterTaskId,
    beforeTaskId,
  };
  return {
    ...ended,
    columns: next,
    countShift: shifted(state.countShift, origin.status, placed.status, 1),
    moves: [...state.moves, move],
    nextMoveId: state.nextMoveId + 1,
  };
}

/**
 * A move in flight laid over newer columns: the card (as the columns have it now) goes between
 * the neighbours it was dropped between. A card gone meanwhile stays gone (its move will be
 * refused and say so).
 */
function replay(columns: Columns, move: BoardMove): Columns {
  const found = locate(columns, move.task.taskId);
  if (!found?.task) return columns;
  const card = { ...found.task, status: move.status };
  const others = (status: TaskStatus) =>
    columns[status].filter((task) => task.taskId !== card.taskId);
  const without: Columns = {
    todo: others("todo"),
    "in-progress": others("in-progress"),
    completed: others("completed"),
  };
  const target = without[move.status];
  const after = target.findIndex((task) => task.taskId === move.afterTaskId);
  const before = target.findIndex((task) => task.taskId === move.beforeTaskId);
  const at = after >= 0 ? after + 1 : before >= 0 ? before : target.length;
  return {
    ...without,
    [move.status]: [...target.slice(0, at), card, ...target.slice(at)],
  };
}

/** The replica's columns with this board's moves in flight on top, once no drag is under way. */
function fromSource(state: BoardState): BoardState {
  if (!state.source || state.before) return state;
  const every = state.moves.reduce(replay, state.source);
  const window = (status: TaskStatus) => every[status].slice(0, state.shown[status]);
  // A column with more than it shows offers "Load more", which widens the window.
  const more = (status: TaskStatus) =>
    every[status].length > state.shown[status] ? "replica" : undefined;
  return {
    ...state,
    columns: {
      todo: window("todo"),
      "in-progress": window("in-progress"),
      completed: window("completed"),
    },
    cursors: {
      todo: more("todo"),
      "in-progress": more("in-progress"),
      completed: more("completed"),
    },
    totals: {
      todo: every.todo.length,
      "in-progress": every["in-progress"].length,
      completed: every.completed.length,
    },
    countShift: noShift,
    whole: true,
  };
}

/** Puts a refused move's card back where it was; the rest of the board keeps later moves. */
function putBack(state: BoardState, move: BoardMove, message: string): BoardState {
  const others = (column: TaskStatus) =>
    state.columns[column].filter((card) => card.taskId !== move.task.taskId);
  const without: Columns = {
    todo: others("todo"),
    "in-progress": others("in-progress"),
    completed: others("completed"),
  };
  const home = without[move.fromStatus];
  const at = Math.min(move.fromIndex, home.length);
  return {
    ...state,
    columns: {
      ...without,
      [move.fromStatus]: [...home.slice(0, at), move.task, ...home.slice(at)],
    },
    countShift: shifted(state.countShift, move.status, move.fromStatus, 1),
    notice: {
      tone: "error",
      text: `“${move.task.description}” could not be moved and is back in ${statusLabels[move.fromStatus]}: ${message}`,
    },
  };
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case "serverPages":
      // Adopt the server's columns only when nothing is in flight; offline a refresh can only
      // bring the service worker's older copy. Once the replica draws the board, it wins.
      if (state.whole || state.moves.length > 0 || state.before || !action.online) return state;
      return {
        ...state,
        columns: columnsOf(action.pages),
        cursors: cursorsOf(action.pages),
        countShift: noShift,
      };
    case "replicaColumns":
      // During a drag the columns are dnd-kit's: the new source waits for the drop.
      return fromSource({ ...state, source: action.columns });
    case "dragStarted":
      return { ...state, before: state.columns, activeId: action.activeId, notice: undefined };
    case "draggedOver":
      return {
        ...state,
        columns: dragOver(state.columns, action.activeId, action.overId, action.below),
      };
    case "dropped":
      return fromSource(drop(state, action.activeId, action.overId));
    case "dragCancelled":
      return fromSource({
        ...state,
        activeId: null,
        before: null,
        columns: state.before ?? state.columns,
      });
    case "moveSaved": {
      const move = state.moves.find((entry) => entry.id === action.moveId);
      if (!move) return state;
      return {
        ...state,
        moves: state.moves.filter((entry) => entry !== move),
        columns: {
          ...state.columns,
          [move.status]: state.columns[move.status].map((card) =>
            card.taskId === action.task.taskId ? action.task : card,
          ),
        },
      };
    }
    case "moveRefused": {
      const move = state.moves.find((entry) => entry.id === action.moveId);
      if (!move) return state;
      const rest = { ...state, moves: state.moves.filter((entry) => entry !== move) };
      return putBack(rest, move, action.message);
    }
    case "loading":
      return { ...state, loading: action.status };
    case "showMore":
      return fromSource({
        ...state,
        shown: { ...state.shown, [action.status]: state.shown[action.status] + boardWindow },
      });
    case "loaded": {
      const known = new Set(
        taskStatuses.flatMap((column) => state.columns[column].map((task) => task.taskId)),
      );
      const { status, page } = action;
      return {
        ...state,
        loading: null,
        columns: {
          ...state.columns,
          [status]: [...state.columns[status], ...page.items.filter((t) => !known.has(t.taskId))],
        },
        cursors: { ...state.cursors, [status]: page.nextCursor },
      };
    }
    case "failed":
      return { ...state, loading: null, notice: { tone: "error", text: action.text } };
  }
}
