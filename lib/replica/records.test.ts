import { describe, expect, it } from "vitest";
import {
  linkedTasks,
  listKey,
  mergeNoteList,
  noteCardOf,
  overlay,
  type PendingEntry,
  pendingKey,
  replaces,
  toReplicaNote,
} from "@/lib/replica/records";
import { noteFixture, taskFixture } from "@/lib/testing/fixtures";

const note = (noteId: string, fields = {}) => noteFixture({ noteId, ...fields });
const pending = (record: ReturnType<typeof note> | null, id = record?.noteId ?? "gone") =>
  ({ key: pendingKey("note", id), kind: "note", id, record, mutationId: `m-${id}` }) as const;

describe("the replica's list order", () => {
  it("is the server's ByList key: pinned before the rest, trash by when it was trashed", () => {
    expect(listKey(note("01A", { pinned: true, updatedAt: "2026-01-02T00:00:00.000Z" }))).toBe(
      "live#1#2026-01-02T00:00:00.000Z#01A",
    );
    expect(listKey(note("01A", { updatedAt: "2026-01-02T00:00:00.000Z" }))).toBe(
      "live#0#2026-01-02T00:00:00.000Z#01A",
    );
    expect(listKey(note("01A", { pinned: true, deletedAt: "2026-01-03T00:00:00.000Z" }))).toBe(
      "trash#2026-01-03T00:00:00.000Z#01A",
    );
  });

  it("keeps a note's list key current when it is stored again", () => {
    const stored = toReplicaNote(note("01A"), "snap-1");
    const trashed = toReplicaNote({ ...stored, deletedAt: "2026-01-03T00:00:00.000Z" });
    expect(trashed.listKey).toBe("trash#2026-01-03T00:00:00.000Z#01A");
    expect(trashed).not.toHaveProperty("snap");
  });
});

describe("the pending overlay on a list", () => {
  const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, "0")}:00.000Z`;
  const kept = [note("01C", { updatedAt: at(3) }), note("01A", { updatedAt: at(1) })].map((n) =>
    toReplicaNote(n),
  );

  it("puts a pending note in its place and keeps to the limit", () => {
    const added = note("01B", { updatedAt: at(2) });
    const page = mergeNoteList(kept, [pending(added)], { trash: false, limit: 2 });
    expect(page.map((n) => n.noteId)).toEqual(["01C", "01B"]);
    expect(page[0]).not.toHaveProperty("listKey");
  });

  it("leaves out a pending note of the other list and a pending removal", () => {
    const trashed = note("01D", { updatedAt: at(9), deletedAt: at(9) });
    const page = mergeNoteList(kept, [pending(trashed), pending(null)], {
      trash: false,
      limit: 10,
    });
    expect(page.map((n) => n.noteId)).toEqual(["01C", "01A"]);
  });

  it("shows a record's pending change, or nothing when the change removes it", () => {
    const entry: PendingEntry = pending(note("01A", { title: "Mine" }));
    expect(overlay(note("01A"), entry)?.title).toBe("Mine");
    expect(overlay(note("01A"), pending(null, "01A"))).toBeUndefined();
    expect(overlay(note("01A"), undefined)?.title).toBe("Groceries");
  });
});

describe("which copy of a record wins", () => {
  it("is never an older version than the one kept", () => {
    expect(replaces({ version: 3 }, { version: 4 })).toBe(false);
    expect(replaces({ version: 4 }, { version: 4 })).toBe(true);
    expect(replaces({ version: 1 }, undefined)).toBe(true);
  });
});

describe("a note's card", () => {
  it("is what the server's list answers", () => {
    const card = noteCardOf(note("01A", { content: "# Milk\n\n- eggs", attachments: [] }));
    expect(card).toMatchObject({ noteId: "01A", excerpt: "Milk eggs", attachmentCount: 0 });
    expect(card).not.toHaveProperty("content");
  });
});

describe("a note's linked tasks", () => {
  it("are its live tasks, newest first", () => {
    const tasks = [
      taskFixture("01A", { noteId: "01N" }),
      taskFixture("01C", { noteId: "01N" }),
      taskFixture("01B", { noteId: "01N", deletedAt: "2026-01-01T00:00:00.000Z" }),
      taskFixture("01D", { noteId: "01X" }),
    ];
    expect(linkedTasks(tasks, "01N").map((task) => task.taskId)).toEqual(["01C", "01A"]);
  });
});
