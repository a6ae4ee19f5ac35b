import { describe, expect, it } from "vitest";
import { drawsFromReplica } from "@/lib/replica/views";

describe("pages drawn from the replica", () => {
  it("are the notes list, the trash and a note, not search results or other pages", () => {
    expect(drawsFromReplica("/notes", "")).toBe(true);
    expect(drawsFromReplica("/notes/trash", "")).toBe(true);
    expect(drawsFromReplica("/notes/01HZZZZZZZZZZZZZZZZZZZZZZZ", "?remote-images=1")).toBe(true);
    expect(drawsFromReplica("/notes", "?q=milk")).toBe(false);
    expect(drawsFromReplica("/notes", "?tag=work")).toBe(false);
    expect(drawsFromReplica("/notes/new", "")).toBe(false);
    expect(drawsFromReplica("/settings", "")).toBe(false);
  });

  it("are the task list with any filter, the board and the deleted tasks", () => {
    expect(drawsFromReplica("/tasks", "?status=completed&sort=priority")).toBe(true);
    expect(drawsFromReplica("/tasks/board", "")).toBe(true);
    expect(drawsFromReplica("/tasks/trash", "")).toBe(true);
  });
});
