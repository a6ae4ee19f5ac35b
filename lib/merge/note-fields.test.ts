import { describe, expect, it } from "vitest";
import { mergeConflictedDraft, mergeNoteFields, mergeTags } from "@/lib/merge/note-fields";
import type { Note } from "@/lib/notes/types";
import {
  answerDraft,
  blankFields,
  editDraft,
  markSent,
  type NoteFields,
  nextRequest,
  startDraft,
} from "@/lib/offline/drafts";
import { fixtureTime, noteFixture } from "@/lib/testing/fixtures";

const noteId = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
const text = "line 1\nline 2\nline 3\nline 4\nline 5";
const base: NoteFields = { ...blankFields, title: "Plan", content: text, tags: ["a", "b"] };

describe("mergeNoteFields", () => {
  it("merges text edits on different lines and takes each side's other fields", () => {
    const mine = { ...base, content: text.replace("line 1", "line 1 (mine)"), pinned: true };
    const theirs = {
      ...base,
      title: "Plan B",
      content: text.replace("line 5", "line 5 (theirs)"),
    };
    expect(mergeNoteFields(base, mine, theirs)).toEqual({
      ...base,
      title: "Plan B",
      pinned: true,
      content: "line 1 (mine)\nline 2\nline 3\nline 4\nline 5 (theirs)",
    });
  });

  it("refuses overlapping text edits and titles changed differently", () => {
    const mine = { ...base, content: text.replace("line 3", "mine") };
    const theirs = { ...base, content: text.replace("line 3", "theirs") };
    expect(mergeNoteFields(base, mine, theirs)).toBeUndefined();
    expect(
      mergeNoteFields(base, { ...base, title: "Mine" }, { ...base, title: "Theirs" }),
    ).toBeUndefined();
    expect(mergeNoteFields(base, { ...base, title: "Same" }, { ...base, title: "Same" })).toEqual({
      ...base,
      title: "Same",
    });
  });
});

describe("mergeTags", () => {
  it("applies both sides' additions and removals", () => {
    expect(mergeTags(["a", "b", "c"], ["a", "c", "mine"], ["a", "b", "theirs"])).toEqual([
      "a",
      "theirs",
      "mine",
    ]);
    expect(mergeTags([], ["x"], ["x"])).toEqual(["x"]);
  });
});

describe("mergeConflictedDraft", () => {
  const server = (fields: Partial<Note>) => noteFixture({ noteId, ...base, ...fields });

  function conflicted(mine: Partial<NoteFields>, theirs: Note) {
    const draft = editDraft(
      startDraft(noteId, server({}), "r0", fixtureTime),
      mine,
      "r1",
      fixtureTime,
    );
    const request = nextRequest(draft);
    if (!request) throw new Error("nothing to send");
    return answerDraft(markSent(draft, request), request, { kind: "conflict", theirs });
  }

  it("builds a clean merge on their version and sends what it adds to theirs", () => {
    const theirs = server({ content: text.replace("line 5", "line 5 (theirs)"), version: 9 });
    const merged = mergeConflictedDraft(
      conflicted({ content: text.replace("line 1", "line 1 (mine)") }, theirs),
    );
    expect(merged.conflict).toBeUndefined();
    expect(merged.fields.content).toBe("line 1 (mine)\nline 2\nline 3\nline 4\nline 5 (theirs)");
    expect(nextRequest(merged)?.body).toEqual({ version: 9, content: merged.fields.content });
  });

  it("leaves overlapping edits in conflict, for the person's choice", () => {
    const theirs = server({ content: text.replace("line 2", "theirs"), version: 9 });
    const draft = conflicted({ content: text.replace("line 2", "mine") }, theirs);
    expect(mergeConflictedDraft(draft)).toBe(draft);
    expect(nextRequest(draft)).toBeUndefined();
  });
});
