import { describe, expect, it } from "vitest";
import { conflictingTaskFields, type TaskFieldValues } from "@/lib/merge/task-fields";

const current: TaskFieldValues = {
  description: "Water the plants",
  details: "",
  status: "todo",
  priority: "medium",
  dueDate: null,
  noteId: null,
};

describe("conflictingTaskFields", () => {
  it("lets a change through when the changed fields are still as the client saw them", () => {
    expect(conflictingTaskFields(current, { status: "completed" }, { status: "todo" })).toEqual([]);
  });

  it("ignores fields the change does not name, however they moved elsewhere", () => {
    const elsewhere = { ...current, dueDate: "2026-06-01", description: "Water the roses" };
    expect(conflictingTaskFields(elsewhere, { status: "completed" }, { status: "todo" })).toEqual(
      [],
    );
  });

  it("names a field changed elsewhere to another value", () => {
    const elsewhere = { ...current, status: "in-progress" as const };
    expect(conflictingTaskFields(elsewhere, { status: "completed" }, { status: "todo" })).toEqual([
      "status",
    ]);
  });

  it("is no conflict when both sides set the same value (or a change is replayed)", () => {
    const elsewhere = { ...current, status: "completed" as const };
    expect(conflictingTaskFields(elsewhere, { status: "completed" }, { status: "todo" })).toEqual(
      [],
    );
  });

  it("reads null and an empty text as no value, like the API does", () => {
    const dated = { ...current, dueDate: "2026-06-01" };
    expect(conflictingTaskFields(dated, { dueDate: null }, { dueDate: "2026-06-01" })).toEqual([]);
    expect(conflictingTaskFields(current, { dueDate: "2026-07-01" }, { dueDate: null })).toEqual(
      [],
    );
    expect(
      conflictingTaskFields({ ...current, details: "Twice" }, { details: "Once" }, { details: "" }),
    ).toEqual(["details"]);
  });

  it("names every conflicting field, in the API's order", () => {
    const elsewhere = { ...current, priority: "high" as const, description: "Other" };
    expect(
      conflictingTaskFields(
        elsewhere,
        { description: "Mine", priority: "low", status: "completed" },
        { description: "Water the plants", priority: "medium", status: "todo" },
      ),
    ).toEqual(["description", "priority"]);
  });
});
