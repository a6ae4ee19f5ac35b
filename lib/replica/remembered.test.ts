import { describe, expect, it } from "vitest";
import { announceReplicaChange } from "@/lib/replica/changes";
import { keepAnswer, keptAnswer, readingStarts } from "@/lib/replica/remembered";

describe("remembered replica answers", () => {
  it("keeps an answer until a change of a kind it depends on", () => {
    keepAnswer("notes:30", ["a"], ["notes"], readingStarts());
    keepAnswer("tasks", ["t"], ["tasks"], readingStarts());
    announceReplicaChange({ notes: [], tasks: ["01T"] });
    expect(keptAnswer("notes:30")).toEqual({ value: ["a"] });
    expect(keptAnswer("tasks")).toBeUndefined();
    announceReplicaChange({ notes: ["01N"], tasks: [] });
    expect(keptAnswer("notes:30")).toBeUndefined();
  });

  it("forgets everything on a change of everything", () => {
    keepAnswer("notes:30", ["a"], ["notes"], readingStarts());
    announceReplicaChange({ all: true });
    expect(keptAnswer("notes:30")).toBeUndefined();
  });

  it("never keeps an answer read across a change (it may predate it)", () => {
    const since = readingStarts();
    announceReplicaChange({ notes: [], tasks: ["01T"] });
    keepAnswer("notes:30", ["old"], ["notes"], since);
    expect(keptAnswer("notes:30")).toBeUndefined();
  });
});
