import { describe, expect, it } from "vitest";
import { mergeQueuedBodies } from "@/lib/merge/outbox";

describe("mergeQueuedBodies", () => {
  it("keeps the newest value of each field and the first base of each", () => {
    expect(
      mergeQueuedBodies(
        { base: { status: "todo", priority: "low" }, status: "in-progress", priority: "high" },
        {
          base: { status: "in-progress", dueDate: null },
          status: "completed",
          dueDate: "2026-06-01",
        },
      ),
    ).toEqual({
      base: { status: "todo", priority: "low", dueDate: null },
      status: "completed",
      priority: "high",
      dueDate: "2026-06-01",
    });
  });

  it("keeps an earlier build's entry version-only, with its first version", () => {
    expect(
      mergeQueuedBodies(
        { version: 3, status: "completed" },
        { base: { dueDate: null }, dueDate: "2026-06-01" },
      ),
    ).toEqual({ version: 3, status: "completed", dueDate: "2026-06-01" });
    expect(
      mergeQueuedBodies({ version: 3, status: "todo" }, { version: 4, priority: "high" }),
    ).toEqual({ version: 3, status: "todo", priority: "high" });
  });
});
