import { describe, expect, it } from "vitest";
import type { QueuedMutation } from "@/lib/offline/store";
import { refusalText, replayProblemOf } from "@/lib/tasks/replays";
import type { Task } from "@/lib/tasks/types";

const taskId = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
const at = "2026-11-23T09:00:00.000Z";
const current: Task = {
  taskId,
  description: "Plumber: Tuesday",
  details: "",
  status: "todo",
  priority: "medium",
  dueDate: null,
  position: "m",
  noteId: null,
  completedAt: null,
  createdAt: at,
  updatedAt: at,
  version: 2,
  deletedAt: null,
};

function mutation(
  method: QueuedMutation["method"],
  url: string,
  body?: Record<string, unknown>,
): QueuedMutation {
  return {
    id: "m1",
    method,
    url,
    body,
    idempotencyKey: "k1",
    label: `${method} ${url}`,
    createdAt: at,
  };
}

describe("task replay problems", () => {
  it("an edit that met a newer version is a conflict with the server's task and my fields", () => {
    const problem = replayProblemOf({
      type: "conflict",
      mutation: mutation("PATCH", `/api/tasks/${taskId}`, { version: 1, description: "Mine" }),
      body: { error: { message: "Changed elsewhere." }, current },
    });
    expect(problem).toEqual({ kind: "conflict", taskId, current, patch: { description: "Mine" } });
  });

  it("any other refusal or conflict is reported with the server's message", () => {
    expect(
      replayProblemOf({
        type: "refused",
        mutation: mutation("POST", `/api/tasks/${taskId}/move`, { status: "completed" }),
        message: "This task does not exist.",
      }),
    ).toEqual({ kind: "refused", change: "move", taskId, message: "This task does not exist." });
    expect(
      replayProblemOf({
        type: "conflict",
        mutation: mutation("POST", `/api/tasks/${taskId}/move`, {}),
        body: { error: { message: "The board changed." } },
      }),
    ).toMatchObject({ kind: "refused", change: "move", message: "The board changed." });
    // A 409 without the task it conflicts with cannot offer a choice.
    expect(
      replayProblemOf({
        type: "conflict",
        mutation: mutation("PATCH", `/api/tasks/${taskId}`, { version: 1, priority: "high" }),
        body: {},
      }),
    ).toMatchObject({ kind: "refused", change: "edit", message: "It changed elsewhere." });
    expect(
      replayProblemOf({
        type: "refused",
        mutation: mutation("POST", "/api/tasks", { taskId, description: "Made offline" }),
        message: "Too many tasks.",
      }),
    ).toEqual({
      kind: "refused",
      change: "add",
      description: "Made offline",
      message: "Too many tasks.",
    });
  });

  it("ignores what is not about a task", () => {
    expect(
      replayProblemOf({
        type: "refused",
        mutation: mutation("PATCH", "/api/notes/x"),
        message: "No.",
      }),
    ).toBeUndefined();
    expect(
      replayProblemOf({
        type: "replayed",
        mutation: mutation("PATCH", `/api/tasks/${taskId}`),
        body: {},
      }),
    ).toBeUndefined();
    expect(replayProblemOf({ type: "pending", count: 1 })).toBeUndefined();
  });

  it("names the task in what it tells the person", () => {
    const refusal = { kind: "refused" as const, change: "edit" as const, taskId, message: "Gone." };
    expect(refusalText(refusal, "Water the plants")).toBe(
      "Your change to “Water the plants” was not saved: Gone.",
    );
    expect(refusalText(refusal)).toBe("A change to a task was not saved: Gone.");
    expect(refusalText({ ...refusal, change: "move" }, "Sweep")).toBe(
      "“Sweep” could not be moved: Gone.",
    );
  });
});
