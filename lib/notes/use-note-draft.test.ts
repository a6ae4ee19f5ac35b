import { describe, expect, it } from "vitest";
import type { Note } from "@/lib/notes/types";
import { saveStateOf } from "@/lib/notes/use-note-draft";
import { editDraft, startDraft } from "@/lib/offline/drafts";
import { fixtureTime, noteFixture } from "@/lib/testing/fixtures";

const now = fixtureTime;
const note: Note = noteFixture();
const clean = startDraft(note.noteId, note, "r0", now);
const typed = editDraft(clean, { content: "milk, eggs" }, "r1", now);
const idle = { sending: false, offline: false };

describe("what the editor says about its note", () => {
  it("is saved only when nothing is left to send", () => {
    expect(saveStateOf(clean, idle)).toBe("saved");
    expect(saveStateOf(typed, idle)).toBe("unsaved");
    expect(saveStateOf(typed, { sending: true, offline: false })).toBe("saving");
    expect(saveStateOf(typed, { sending: false, offline: true })).toBe("offline");
    // A new note with nothing typed has nothing to save.
    expect(saveStateOf(startDraft(note.noteId, null, "r0", now), idle)).toBe("saved");
  });

  it("puts a conflict or a refusal before anything else", () => {
    expect(saveStateOf({ ...typed, conflict: note }, { sending: true, offline: true })).toBe(
      "conflict",
    );
    expect(saveStateOf({ ...typed, refused: "Too long." }, idle)).toBe("error");
  });
});
