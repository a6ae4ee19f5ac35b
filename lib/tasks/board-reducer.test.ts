import { describe, expect, it } from "vitest";
import {
  type BoardPages,
  type BoardState,
  boardReducer,
  boardWindow,
  type Columns,
  columnCount,
  initialBoard,
  placeOf,
} from "@/lib/tasks/board-reducer";
import type { TaskStatus } from "@/lib/tasks/schemas";
import { fixtureTime, taskCardFixture } from "@/lib/testing/fixtures";

const card = (taskId: string, status: TaskStatus = "todo") => taskCardFixture(taskId, { status });

const pages: BoardPages = {
  todo: { items: [card("a"), card("b"), card("c")] },
  "in-progress": { items: [card("d", "in-progress")], nextCursor: "more" },
  completed: { items: [] },
};

const ids = (state: BoardState, status: TaskStatus) =>
  state.columns[status].map((task) => task.taskId);

function run(state: BoardState, ...actions: Parameters<typeof boardReducer>[1][]) {
  return actions.reduce(boardReducer, state);
}

describe("the board reducer", () => {
  it("reorders within a column and queues one move naming the new neighbours", () => {
    const state = run(
      initialBoard(pages),
      { type: "dragStarted", activeId: "a" },
      { type: "dropped", activeId: "a", overId: "c" },
    );
    expect(ids(state, "todo")).toEqual(["b", "c", "a"]);
    expect(state.moves).toEqual([
      expect.objectContaining({
        task: card("a"),
        fromStatus: "todo",
        fromIndex: 0,
        status: "todo",
        afterTaskId: "c",
        beforeTaskId: undefined,
      }),
    ]);
    expect(state.countShift).toEqual({ todo: 0, "in-progress": 0, completed: 0 });
    expect(state.activeId).toBeNull();
  });

  it("moves a card across columns while dragging, and shifts the counts on the drop", () => {
    const over = run(
      initialBoard(pages),
      { type: "dragStarted", activeId: "b" },
      { type: "draggedOver", activeId: "b", overId: "d", below: true },
    );
    expect(ids(over, "todo")).toEqual(["a", "c"]);
    expect(ids(over, "in-progress")).toEqual(["d", "b"]);
    expect(over.columns["in-progress"][1]?.status).toBe("in-progress");
    const dropped = boardReducer(over, { type: "dropped", activeId: "b", overId: "b" });
    expect(dropped.moves[0]).toMatchObject({ status: "in-progress", afterTaskId: "d" });
    expect(dropped.countShift).toEqual({ todo: -1, "in-progress": 1, completed: 0 });
  });

  it("queues nothing for a drop where the card started, and puts it back when dropped outside", () => {
    const start = initialBoard(pages);
    const same = run(
      start,
      { type: "dragStarted", activeId: "b" },
      { type: "dropped", activeId: "b", overId: "b" },
    );
    expect(same.moves).toEqual([]);
    const outside = run(
      start,
      { type: "dragStarted", activeId: "b" },
      { type: "draggedOver", activeId: "b", overId: "completed", below: false },
      { type: "dropped", activeId: "b", overId: null },
    );
    expect(outside.columns).toBe(start.columns);
    expect(outside.moves).toEqual([]);
    const cancelled = run(
      start,
      { type: "dragStarted", activeId: "b" },
      { type: "draggedOver", activeId: "b", overId: "completed", below: false },
      { type: "dragCancelled" },
    );
    expect(cancelled.columns).toBe(start.columns);
  });

  it("takes the server's card when a move is saved", () => {
    const dropped = run(
      initialBoard(pages),
      { type: "dragStarted", activeId: "a" },
      { type: "draggedOver", activeId: "a", overId: "completed", below: false },
      { type: "dropped", activeId: "a", overId: "completed" },
    );
    const saved = { ...card("a", "completed"), version: 2, completedAt: fixtureTime };
    const state = boardReducer(dropped, { type: "moveSaved", moveId: 1, task: saved });
    expect(state.moves).toEqual([]);
    expect(state.columns.completed).toEqual([saved]);
  });

  it("puts a refused move back where it was, keeps later moves, and says why", () => {
    const twice = run(
      initialBoard(pages),
      { type: "dragStarted", activeId: "a" },
      { type: "draggedOver", activeId: "a", overId: "completed", below: false },
      { type: "dropped", activeId: "a", overId: "completed" },
      { type: "dragStarted", activeId: "c" },
      { type: "dropped", activeId: "c", overId: "b" },
    );
    expect(ids(twice, "todo")).toEqual(["c", "b"]);
    const state = boardReducer(twice, { type: "moveRefused", moveId: 1, message: "Gone." });
    expect(ids(state, "todo")).toEqual(["a", "c", "b"]);
    expect(ids(state, "completed")).toEqual([]);
    expect(state.countShift).toEqual({ todo: 0, "in-progress": 0, completed: 0 });
    expect(state.moves.map((move) => move.id)).toEqual([2]);
    expect(state.notice).toEqual({
      tone: "error",
      text: "“Task a” could not be moved and is back in To do: Gone.",
    });
  });

  it("adopts the server's columns only online and with nothing in flight", () => {
    const fresh: BoardPages = { ...pages, todo: { items: [card("z")] } };
    const idle = initialBoard(pages);
    expect(
      ids(boardReducer(idle, { type: "serverPages", pages: fresh, online: true }), "todo"),
    ).toEqual(["z"]);
    expect(boardReducer(idle, { type: "serverPages", pages: fresh, online: false })).toBe(idle);
    const dragging = boardReducer(idle, { type: "dragStarted", activeId: "a" });
    expect(boardReducer(dragging, { type: "serverPages", pages: fresh, online: true })).toBe(
      dragging,
    );
    const busy = run(
      idle,
      { type: "dragStarted", activeId: "a" },
      {
        type: "dropped",
        activeId: "a",
        overId: "c",
      },
    );
    expect(boardReducer(busy, { type: "serverPages", pages: fresh, online: true })).toBe(busy);
  });

  it("takes the replica's columns, keeping moves in flight where they were dropped", () => {
    const dropped = run(
      initialBoard(pages),
      { type: "dragStarted", activeId: "a" },
      { type: "draggedOver", activeId: "a", overId: "d", below: true },
      { type: "dropped", activeId: "a", overId: "a" },
    );
    expect(ids(dropped, "in-progress")).toEqual(["d", "a"]);
    // The replica holds the move as pending (status only: the new position is the server's)
    // and a task added elsewhere; the drop stays after "d".
    const replica: Columns = {
      todo: [card("b"), card("c"), card("x")],
      "in-progress": [card("a", "in-progress"), card("d", "in-progress")],
      completed: [],
    };
    const state = boardReducer(dropped, { type: "replicaColumns", columns: replica });
    expect(ids(state, "todo")).toEqual(["b", "c", "x"]);
    expect(ids(state, "in-progress")).toEqual(["d", "a"]);
    expect(state.whole).toBe(true);
    expect(state.cursors).toEqual({
      todo: undefined,
      "in-progress": undefined,
      completed: undefined,
    });
    expect(columnCount(state, "todo", 99)).toBe(3);
    // Saved: the replica's own order from then on.
    const saved = boardReducer(state, {
      type: "moveSaved",
      moveId: 1,
      task: card("a", "in-progress"),
    });
    const settled = boardReducer(saved, { type: "replicaColumns", columns: replica });
    expect(ids(settled, "in-progress")).toEqual(["a", "d"]);
    // The server's pages no longer replace what the replica shows.
    expect(boardReducer(settled, { type: "serverPages", pages, online: true })).toBe(settled);
  });

  it("drops a move whose task is gone from the replica, and waits for a drag to end", () => {
    const dropped = run(
      initialBoard(pages),
      { type: "dragStarted", activeId: "a" },
      { type: "dropped", activeId: "a", overId: "c" },
    );
    const gone: Columns = { todo: [card("b"), card("c")], "in-progress": [], completed: [] };
    expect(ids(boardReducer(dropped, { type: "replicaColumns", columns: gone }), "todo")).toEqual([
      "b",
      "c",
    ]);
    const dragging = run(
      initialBoard(pages),
      { type: "dragStarted", activeId: "b" },
      { type: "draggedOver", activeId: "b", overId: "completed", below: false },
    );
    const during = boardReducer(dragging, { type: "replicaColumns", columns: gone });
    expect(during.columns).toBe(dragging.columns);
    const cancelled = boardReducer(during, { type: "dragCancelled" });
    expect(ids(cancelled, "todo")).toEqual(["b", "c"]);
    expect(ids(cancelled, "completed")).toEqual([]);
    expect(cancelled.whole).toBe(true);
  });

  it("shows a replica column a window at a time, counting every task", () => {
    const many = Array.from({ length: boardWindow * 2 + 5 }, (_, index) =>
      card(`t${String(index).padStart(4, "0")}`),
    );
    const replica: Columns = { todo: many, "in-progress": [], completed: [] };
    const first = boardReducer(initialBoard(pages), { type: "replicaColumns", columns: replica });
    expect(first.columns.todo).toHaveLength(boardWindow);
    expect(first.cursors.todo).toBeDefined();
    expect(first.cursors["in-progress"]).toBeUndefined();
    expect(columnCount(first, "todo", 0)).toBe(boardWindow * 2 + 5);
    const wider = run(
      first,
      { type: "showMore", status: "todo" },
      { type: "showMore", status: "todo" },
    );
    expect(wider.columns.todo).toHaveLength(boardWindow * 2 + 5);
    expect(wider.cursors.todo).toBeUndefined();
    // A new replica read keeps the widened window.
    const again = boardReducer(wider, { type: "replicaColumns", columns: replica });
    expect(again.columns.todo).toHaveLength(boardWindow * 2 + 5);
  });

  it("counts from the server's counters and the drops until the replica has every task", () => {
    const dropped = run(
      initialBoard(pages),
      { type: "dragStarted", activeId: "a" },
      { type: "draggedOver", activeId: "a", overId: "completed", below: false },
      { type: "dropped", activeId: "a", overId: "completed" },
    );
    expect(columnCount(dropped, "todo", 10)).toBe(9);
    expect(columnCount(dropped, "completed", 0)).toBe(1);
  });

  it("appends a loaded page without cards it already shows", () => {
    const state = run(
      initialBoard(pages),
      { type: "loading", status: "in-progress" },
      {
        type: "loaded",
        status: "in-progress",
        page: { items: [card("d", "in-progress"), card("e", "in-progress")] },
      },
    );
    expect(ids(state, "in-progress")).toEqual(["d", "e"]);
    expect(state.cursors["in-progress"]).toBeUndefined();
    expect(state.loading).toBeNull();
  });

  it("describes places as the announcements say them", () => {
    const { columns } = initialBoard(pages);
    expect(placeOf(columns, "b")).toBe("To do, position 2 of 3");
    expect(placeOf(columns, "completed")).toBe("the Done column");
    expect(placeOf(columns, "nope")).toBe("nowhere");
  });
});
