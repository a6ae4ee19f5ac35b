import { describe, expect, it } from "vitest";
import { taskListViewSchema } from "@/lib/tasks/list-view";
import type { TaskCard } from "@/lib/tasks/types";
import {
  countsSentence,
  isOverdue,
  localToday,
  placeInColumn,
  sameText,
  sortTasks,
  uncheckedChecklistLines,
} from "@/lib/tasks/view";
import { taskCardFixture } from "@/lib/testing/fixtures";

const card = ({ taskId, ...fields }: Partial<TaskCard> & { taskId: string }): TaskCard =>
  taskCardFixture(taskId, { description: taskId, position: "a0", ...fields });

describe("sortTasks", () => {
  const tasks = [
    card({ taskId: "01A", priority: "low", dueDate: "2026-03-01" }),
    card({ taskId: "01B", priority: "high" }),
    card({ taskId: "01C", priority: "medium", dueDate: "2026-02-01" }),
  ];
  it("sorts by due date (undated last), priority, or newest first", () => {
    expect(sortTasks(tasks, "due").map((t) => t.taskId)).toEqual(["01C", "01A", "01B"]);
    expect(sortTasks(tasks, "priority").map((t) => t.taskId)).toEqual(["01B", "01C", "01A"]);
    expect(sortTasks(tasks, "created").map((t) => t.taskId)).toEqual(["01C", "01B", "01A"]);
  });
});

describe("dates", () => {
  it("uses the local calendar date and only open tasks are overdue", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(isOverdue({ dueDate: "2026-01-04", status: "todo" }, "2026-01-05")).toBe(true);
    expect(isOverdue({ dueDate: "2026-01-05", status: "todo" }, "2026-01-05")).toBe(false);
    expect(isOverdue({ dueDate: "2026-01-04", status: "completed" }, "2026-01-05")).toBe(false);
    expect(isOverdue({ dueDate: null, status: "todo" }, "2026-01-05")).toBe(false);
  });
});

describe("view query", () => {
  it("falls back to defaults for anything malformed", () => {
    expect(taskListViewSchema.parse({ sort: "x", due: "soon", today: "no", task: "1" })).toEqual({
      sort: "due",
    });
    expect(
      taskListViewSchema.parse({
        sort: "priority",
        status: "todo",
        due: "week",
        today: "2026-01-02",
      }),
    ).toEqual({ sort: "priority", status: "todo", due: "week", today: "2026-01-02" });
  });
});

describe("checklists", () => {
  it("finds unchecked items outside code fences", () => {
    const note = [
      "# Trip",
      "- [ ] book  the train ",
      "- [x] pack",
      "* [ ] water plants",
      "1. [ ] call mum",
      "```",
      "- [ ] not a task",
      "```",
      "- [] malformed",
    ].join("\n");
    expect(uncheckedChecklistLines(note)).toEqual([
      { text: "book  the train", line: 2 },
      { text: "water plants", line: 4 },
      { text: "call mum", line: 5 },
    ]);
    expect(sameText("Book the  train", " book the train")).toBe(true);
    expect(countsSentence({ todo: 4, inProgress: 2, completed: 9 })).toBe(
      "4 to do, 2 in progress, 9 done",
    );
  });
});

describe("placeInColumn", () => {
  const cards = [
    card({ taskId: "top", position: "a1" }),
    card({ taskId: "mid", position: "a3" }),
    card({ taskId: "end", position: "a5" }),
    card({ taskId: "busy", position: "a2", status: "in-progress" }),
  ];

  it("names the nearest card above in the same column, else the nearest below", () => {
    expect(placeInColumn(cards, card({ taskId: "x", position: "a4" }))).toEqual({
      afterTaskId: "mid",
    });
    expect(placeInColumn(cards, card({ taskId: "x", position: "a0" }))).toEqual({
      beforeTaskId: "top",
    });
    expect(placeInColumn(cards, cards[1] as TaskCard)).toEqual({ afterTaskId: "top" });
  });

  it("ignores other columns and names nothing in an empty column", () => {
    expect(
      placeInColumn(cards, card({ taskId: "x", position: "a9", status: "in-progress" })),
    ).toEqual({ afterTaskId: "busy" });
    expect(placeInColumn(cards, card({ taskId: "x", status: "completed" }))).toEqual({});
  });
});
