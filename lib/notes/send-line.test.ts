import { describe, expect, it } from "vitest";
import { createSendLine, regressesBase } from "@/lib/notes/send-line";
import type { Note } from "@/lib/notes/types";
import { answerDraft, editDraft, markSent, nextRequest, startDraft } from "@/lib/offline/drafts";
import { fixtureTime, noteFixture } from "@/lib/testing/fixtures";

type Options = { readonly keepalive?: boolean; readonly name: string };

/** Attempts that wait until the test lets each one finish. */
function heldAttempts() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const attempt = (options: Options) =>
    new Promise<string>((resolve) => {
      started.push(options.name);
      finish.set(options.name, () => resolve(options.name));
    });
  return { started, attempt, finish: (name: string) => finish.get(name)?.() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the order in which an editor sends its note", () => {
  it("sends one at a time, in call order", async () => {
    const held = heldAttempts();
    const send = createSendLine(held.attempt);
    const first = send({ name: "autosave" });
    const second = send({ name: "ctrl-s" });
    await tick();
    expect(held.started).toEqual(["autosave"]);
    held.finish("autosave");
    await first;
    await tick();
    expect(held.started).toEqual(["autosave", "ctrl-s"]);
    held.finish("ctrl-s");
    await expect(second).resolves.toBe("ctrl-s");
  });

  it("starts the send on leaving the page at once, beside a send that never finishes", async () => {
    const held = heldAttempts();
    const send = createSendLine(held.attempt);
    void send({ name: "autosave" });
    void send({ name: "leaving", keepalive: true });
    // Synchronously: pagehide gives the page no later turn.
    expect(held.started).toEqual(["autosave", "leaving"]);
  });

  it("lets what comes after a send on leaving wait for it and for the send beside it", async () => {
    const held = heldAttempts();
    const send = createSendLine(held.attempt);
    void send({ name: "autosave" });
    void send({ name: "hidden", keepalive: true });
    void send({ name: "back" });
    held.finish("hidden");
    await tick();
    expect(held.started).toEqual(["autosave", "hidden"]);
    held.finish("autosave");
    await tick();
    expect(held.started).toEqual(["autosave", "hidden", "back"]);
  });

  it("does not send again on pagehide while the send on hiding the page is under way", () => {
    const held = heldAttempts();
    const send = createSendLine(held.attempt);
    void send({ name: "autosave" });
    void send({ name: "hidden", keepalive: true });
    void send({ name: "pagehide", keepalive: true });
    expect(held.started).toEqual(["autosave", "hidden"]);
  });

  it("starts at once when idle, leaving or not", () => {
    const held = heldAttempts();
    const send = createSendLine(held.attempt);
    void send({ name: "autosave" });
    expect(held.started).toEqual(["autosave"]);
  });
});

describe("a late answer to a request sent twice", () => {
  const note: Note = noteFixture();
  const clean = startDraft(note.noteId, note, "r0", fixtureTime);
  const typed = editDraft(clean, { content: "one" }, "r1", fixtureTime);
  const request = nextRequest(typed);
  if (!request) throw new Error("a typed draft has a request");
  const answer = {
    kind: "saved" as const,
    applied: true,
    note: { ...note, content: "one", version: note.version + 1 },
  };
  const answered = answerDraft(markSent(typed, request), request, answer);

  it("is kept when it is the first (or the same) news", () => {
    expect(regressesBase(markSent(typed, request), answered)).toBe(false);
    expect(regressesBase(answered, answerDraft(answered, request, answer))).toBe(false);
  });

  it("is not kept once a newer change was answered", () => {
    const more = editDraft(answered, { content: "one two" }, "r2", fixtureTime);
    const second = nextRequest(more);
    if (!second) throw new Error("a typed draft has a request");
    const newer = answerDraft(markSent(more, second), second, {
      kind: "saved",
      applied: true,
      note: { ...note, content: "one two", version: note.version + 2 },
    });
    const late = answerDraft(newer, request, answer);
    expect(regressesBase(newer, late)).toBe(true);
  });
});
