import { describe, expect, it } from "vitest";
import {
  draftOf,
  initialEditor,
  patchOf,
  type TaskEditorAction,
  type TaskEditorState,
  taskEditorReducer,
} from "@/lib/tasks/task-editor-reducer";
import type { Task } from "@/lib/tasks/types";
import { taskFixture } from "@/lib/testing/fixtures";

const base: Task = taskFixture("t1", {
  description: "Call the plumber",
  dueDate: "2026-11-30",
  position: "m",
});
const theirs: Task = { ...base, description: "Plumber: Tuesday", version: 2 };
const run = (state: TaskEditorState, ...actions: TaskEditorAction[]) =>
  actions.reduce(taskEditorReducer, state);

describe("the task editor reducer", () => {
  it("names only the changed fields, and sends an emptied date as null", () => {
    const draft = { ...draftOf(base), priority: "high" as const, dueDate: "" };
    expect(patchOf(draft, draftOf(base))).toEqual({ priority: "high", dueDate: null });
    expect(patchOf(draftOf(base), draftOf(base))).toEqual({});
  });

  it("keeps the person's fields on a 409 and rebases on theirs to keep mine", () => {
    const conflicted = run(
      initialEditor(),
      { type: "loaded", task: base },
      { type: "edited", fields: { description: "Mine" } },
      { type: "saving" },
      { type: "conflicted", current: theirs },
    );
    expect(conflicted).toMatchObject({ saving: false, conflict: theirs, task: base });
    expect(conflicted.draft?.description).toBe("Mine");
    const kept = taskEditorReducer(conflicted, { type: "keptMine" });
    expect(kept.task).toBe(theirs);
    expect(patchOf(kept.draft ?? draftOf(base), draftOf(theirs))).toEqual({
      description: "Mine",
    });
    const saved = taskEditorReducer(kept, {
      type: "saved",
      task: { ...theirs, description: "Mine", version: 3 },
      queued: false,
    });
    expect(saved.conflict).toBeUndefined();
    expect(saved.message).toEqual({ tone: "info", text: "Saved." });
  });

  it("takes theirs, forgetting a linked note title that no longer applies", () => {
    const linked = run(
      initialEditor("Old note"),
      { type: "loaded", task: { ...base, noteId: "n1" } },
      { type: "conflicted", current: { ...theirs, noteId: "n2" } },
      { type: "tookTheirs" },
    );
    expect(linked.draft).toEqual(draftOf({ ...theirs, noteId: "n2" }));
    expect(linked.linkedTitle).toBeUndefined();
    expect(linked.message).toEqual({ tone: "info", text: "Showing their version." });
  });

  it("says an offline save waits on the device", () => {
    const state = run(
      initialEditor(),
      { type: "loaded", task: base },
      {
        type: "saved",
        task: base,
        queued: true,
      },
    );
    expect(state.message?.text).toBe(
      "Offline: saved on this device, sent when you are back online.",
    );
  });

  it("shows a replayed conflict over the open editor's fields", () => {
    const open = run(
      initialEditor(),
      { type: "loaded", task: base },
      { type: "edited", fields: { description: "Mine, typed since" } },
    );
    const state = taskEditorReducer(open, {
      type: "replayConflicted",
      replay: { kind: "conflict", taskId: "t1", current: theirs, patch: { description: "Mine" } },
    });
    expect(state.conflict).toBe(theirs);
    expect(state.draft?.description).toBe("Mine, typed since");
  });

  it("rebuilds the replayed change in a closed editor, and a late load does not hide it", () => {
    const state = run(
      initialEditor(),
      {
        type: "replayConflicted",
        replay: {
          kind: "conflict",
          taskId: "t1",
          current: theirs,
          patch: { priority: "high", dueDate: null },
        },
      },
      { type: "loaded", task: theirs },
    );
    expect(state.conflict).toBe(theirs);
    expect(state.task).toBe(theirs);
    expect(state.draft).toEqual({ ...draftOf(theirs), priority: "high", dueDate: "" });
  });
});
