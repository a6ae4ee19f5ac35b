import { describe, expect, it } from "vitest";
import type { ReplayConflict } from "@/lib/tasks/replays";
import { initialList, type TaskListState, taskListReducer } from "@/lib/tasks/task-list-reducer";
import { taskCardFixture, taskFixture } from "@/lib/testing/fixtures";

const task = taskFixture;
const card = taskCardFixture;
const ids = (state: TaskListState) => state.items.map((item) => item.taskId);

describe("the task list reducer", () => {
  it("shows a completion at once, then the server's task with Undo", () => {
    const start = initialList([card("a"), card("b")]);
    const toggling = taskListReducer(start, { type: "toggling", task: card("a") });
    expect(toggling.items[0]?.status).toBe("completed");
    const place = { beforeTaskId: "b" };
    const done = taskListReducer(toggling, {
      type: "toggled",
      before: card("a"),
      task: task("a", { status: "completed", version: 2 }),
      place,
    });
    expect(done.items[0]).toMatchObject({ status: "completed", version: 2 });
    expect(done.notice).toEqual({
      tone: "info",
      text: "Completed “Task a”.",
      undo: { kind: "complete", task: card("a"), place },
    });
  });

  it("reopening says so without Undo", () => {
    const start = initialList([card("a", { status: "completed" })]);
    const state = taskListReducer(start, {
      type: "toggled",
      before: card("a", { status: "completed" }),
      task: task("a", { status: "todo", version: 2 }),
      place: {},
    });
    expect(state.notice).toEqual({ tone: "info", text: "Reopened “Task a”." });
  });

  it("shows the newer version when a completion conflicts, and puts it back when refused", () => {
    const start = initialList([card("a")]);
    const conflicted = taskListReducer(start, {
      type: "toggleConflicted",
      before: card("a"),
      current: task("a", { status: "in-progress", version: 3 }),
    });
    expect(conflicted.items).toEqual([card("a", { status: "in-progress", version: 3 })]);
    expect(conflicted.notice?.tone).toBe("error");
    expect(conflicted.notice?.text).toContain("showing the newer version (In progress)");
    const refused = taskListReducer(taskListReducer(start, { type: "toggling", task: card("a") }), {
      type: "toggleFailed",
      before: card("a"),
      message: "No.",
    });
    expect(refused.items).toEqual([card("a")]);
    expect(refused.notice).toEqual({ tone: "error", text: "No." });
  });

  it("keeps tasks completed here when the server's list leaves them out", () => {
    const start = initialList([card("a"), card("b")]);
    const completed = taskListReducer(start, { type: "toggling", task: card("a") });
    const refreshed = taskListReducer(completed, { type: "serverList", initial: [card("b")] });
    expect(ids(refreshed)).toEqual(["b", "a"]);
    const gone = taskListReducer(start, { type: "serverList", initial: [card("b")] });
    expect(ids(gone)).toEqual(["b"]);
  });

  it("takes the replica's list, keeping what was completed here and what is in flight", () => {
    const start = initialList([card("a"), card("b"), card("c")]);
    const completing = taskListReducer(start, { type: "toggling", task: card("a") });
    // The replica has not seen the completion yet: the list keeps showing it done.
    const early = taskListReducer(completing, {
      type: "replicaList",
      items: [card("a"), card("b", { description: "Renamed elsewhere" })],
      liveIds: ["a", "b"],
    });
    expect(early.items).toEqual([
      card("a", { status: "completed" }),
      card("b", { description: "Renamed elsewhere" }),
    ]);
    const done = taskListReducer(early, {
      type: "toggled",
      before: card("a"),
      task: task("a", { status: "completed", version: 2 }),
      place: {},
    });
    // Open tasks only: the completed one stays (struck through) while it still exists.
    const later = taskListReducer(done, {
      type: "replicaList",
      items: [card("b")],
      liveIds: ["a", "b"],
    });
    expect(ids(later)).toEqual(["b", "a"]);
    const deletedElsewhere = taskListReducer(later, {
      type: "replicaList",
      items: [card("b")],
      liveIds: ["b"],
    });
    expect(ids(deletedElsewhere)).toEqual(["b"]);
  });

  it("keeps a task whose replayed edit awaits the person's choice on the replica's list", () => {
    const replay: ReplayConflict = {
      kind: "conflict",
      taskId: "c",
      current: task("c", { status: "completed", version: 2 }),
      patch: { description: "Mine" },
    };
    const state = taskListReducer(initialList([card("a")]), { type: "replayConflicted", replay });
    const next = taskListReducer(state, { type: "replicaList", items: [card("a")], liveIds: [] });
    expect(ids(next)).toEqual(["a", "c"]);
  });

  it("leaves another task's editor open when a trashed one's answer comes in", () => {
    // The replica took the trashed task off the list at once; the person opened another.
    const start = { ...initialList([card("a"), card("b")]), openId: "a" };
    const trashed = taskListReducer(start, { type: "trashed", task: card("b") });
    expect(trashed.openId).toBe("a");
  });

  it("trashes with Undo and restores to the top", () => {
    const start = { ...initialList([card("a"), card("b")]), openId: "b" };
    const trashed = taskListReducer(start, { type: "trashed", task: card("b") });
    expect(ids(trashed)).toEqual(["a"]);
    expect(trashed.openId).toBeUndefined();
    expect(trashed.notice?.undo).toEqual({ kind: "trash", taskId: "b" });
    const restored = taskListReducer(trashed, { type: "restored", task: task("b") });
    expect(ids(restored)).toEqual(["b", "a"]);
    expect(restored.notice).toEqual({ tone: "info", text: "Restored “Task b”." });
  });

  it("opens the editor of an edit that met a newer version on replay, until it is saved", () => {
    const replay: ReplayConflict = {
      kind: "conflict",
      taskId: "c",
      current: task("c", { description: "Theirs", version: 2 }),
      patch: { description: "Mine" },
    };
    const start = initialList([card("a")]);
    const state = taskListReducer(start, { type: "replayConflicted", replay });
    expect(state.openId).toBe("c");
    expect(state.replays).toEqual({ c: replay });
    // A filter had left it out: it joins the list so the choice can be made.
    expect(ids(state)).toEqual(["c", "a"]);
    const saved = taskListReducer(state, {
      type: "saved",
      task: task("c", { description: "Mine", version: 3 }),
    });
    expect(saved.replays).toEqual({});
    expect(saved.items[0]?.description).toBe("Mine");
  });
});
