import { describe, expect, it } from "vitest";
import { taskListViewSchema } from "@/lib/tasks/list-view";
import {
  boardFromReplica,
  countsFromReplica,
  listFromReplica,
  trashFromReplica,
} from "@/lib/tasks/replica-view";
import { taskFixture } from "@/lib/testing/fixtures";

const task = taskFixture;
const view = (query: Record<string, string> = {}) => taskListViewSchema.parse(query);
const ids = (cards: readonly { taskId: string }[]) => cards.map((card) => card.taskId);

const today = "2026-05-10";
const library = [
  task("a", { status: "todo", dueDate: "2026-05-01", position: "a2" }),
  task("b", { status: "in-progress", dueDate: "2026-05-12" }),
  task("c", { status: "completed", dueDate: "2026-05-02" }),
  task("d", { status: "todo", dueDate: "2026-05-17", position: "a1" }),
  task("e", { status: "todo", deletedAt: "2026-05-09T10:00:00.000Z" }),
  task("f", { status: "completed", deletedAt: "2026-05-09T12:00:00.000Z" }),
];

describe("the task views drawn from the replica", () => {
  it("lists open tasks by default, one status when asked, never trashed ones", () => {
    expect(ids(listFromReplica(library, view(), today).items)).toEqual(["a", "b", "d"]);
    expect(ids(listFromReplica(library, view({ status: "completed" }), today).items)).toEqual([
      "c",
    ]);
    expect(ids(listFromReplica(library, view({ status: "todo" }), today).items)).toEqual([
      "a",
      "d",
    ]);
  });

  it("filters by due date as the server's index does: open tasks, the reader's own day", () => {
    expect(ids(listFromReplica(library, view({ due: "overdue" }), today).items)).toEqual(["a"]);
    // This week: today and the six days after (the 17th is the seventh day after).
    expect(ids(listFromReplica(library, view({ due: "week" }), today).items)).toEqual(["b"]);
    expect(
      ids(listFromReplica(library, view({ due: "week", today: "2026-05-11" }), today).items),
    ).toEqual(["b", "d"]);
    // Due filters show open tasks only, whatever the status asks.
    expect(
      ids(listFromReplica(library, view({ due: "overdue", status: "completed" }), today).items),
    ).toEqual(["a"]);
    expect(
      ids(listFromReplica(library, view({ due: "week", status: "todo" }), today).items),
    ).toEqual([]);
  });

  it("shows a task named in the address first, outside the filter, when it is live", () => {
    const focused = listFromReplica(library, view({ task: "01HZZZZZZZZZZZZZZZZZZZZZZZ" }), today);
    expect(focused.focusTaskId).toBeUndefined();
    const withFocus = [...library, task("01HZZZZZZZZZZZZZZZZZZZZZZZ", { status: "completed" })];
    const shown = listFromReplica(withFocus, view({ task: "01HZZZZZZZZZZZZZZZZZZZZZZZ" }), today);
    expect(shown.focusTaskId).toBe("01HZZZZZZZZZZZZZZZZZZZZZZZ");
    expect(ids(shown.items)).toEqual(["01HZZZZZZZZZZZZZZZZZZZZZZZ", "a", "b", "d"]);
  });

  it("draws the board's columns in position order, without details or trashed tasks", () => {
    const columns = boardFromReplica(library);
    expect(ids(columns.todo)).toEqual(["d", "a"]);
    expect(ids(columns["in-progress"])).toEqual(["b"]);
    expect(ids(columns.completed)).toEqual(["c"]);
    expect(columns.todo[0]).not.toHaveProperty("details");
  });

  it("lists deleted tasks newest deletion first, and counts the live ones", () => {
    expect(ids(trashFromReplica(library))).toEqual(["f", "e"]);
    expect(countsFromReplica(library)).toEqual({ todo: 2, inProgress: 1, completed: 1 });
  });
});
