import { describe, expect, it } from "vitest";
import { completedAtAfter } from "@/lib/tasks/lifecycle";

const at = "2026-11-23T12:00:00.000Z";
const earlier = "2026-11-20T08:00:00.000Z";

describe("completedAtAfter", () => {
  it("stamps a task that becomes completed, also a new one", () => {
    expect(completedAtAfter("completed", { status: "todo" }, at)).toBe(at);
    expect(completedAtAfter("completed", undefined, at)).toBe(at);
  });

  it("keeps the first stamp while a task stays completed", () => {
    expect(completedAtAfter("completed", { status: "completed", completedAt: earlier }, at)).toBe(
      earlier,
    );
  });

  it("clears it when a task leaves the completed column", () => {
    expect(
      completedAtAfter("in-progress", { status: "completed", completedAt: earlier }, at),
    ).toBeUndefined();
    expect(completedAtAfter("todo", undefined, at)).toBeUndefined();
  });
});
