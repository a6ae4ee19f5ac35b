import { describe, expect, it } from "vitest";
import type { Note } from "@/lib/notes/types";
import {
  answerDraft,
  classifyAnswer,
  editDraft,
  followNewer,
  isSettled,
  keepMine,
  markSent,
  type NoteDraft,
  nextRequest,
  startDraft,
  takeTheirs,
} from "@/lib/offline/drafts";
import { fixtureTime, noteFixture } from "@/lib/testing/fixtures";

const noteId = "01HZZZZZZZZZZZZZZZZZZZZZZZ";
const now = fixtureTime;

const note = (fields: Partial<Note> = {}): Note => noteFixture({ noteId, ...fields });

async function saved(draft: NoteDraft, server: Note, status = 200) {
  const request = nextRequest(draft);
  if (!request) throw new Error("nothing to send");
  const answer = await classifyAnswer(request, status, server);
  return answerDraft(markSent(draft, request), request, answer);
}

describe("a draft of an existing note", () => {
  it("sends only what changed, with the version it is based on", async () => {
    const draft = editDraft(
      startDraft(noteId, note(), "r0", now),
      { content: "milk, eggs" },
      "r1",
      now,
    );
    expect(nextRequest(draft)).toEqual({
      method: "PATCH",
      url: `/api/notes/${noteId}`,
      body: { version: 3, content: "milk, eggs" },
      idempotencyKey: "r1-v3",
      fields: {
        title: "Groceries",
        content: "milk, eggs",
        tags: [],
        pinned: false,
        remoteImages: false,
      },
    });
    expect(nextRequest(startDraft(noteId, note(), "r0", now))).toBeUndefined();
  });

  it("names the same change with the same key however often it is sent", async () => {
    const draft = editDraft(startDraft(noteId, note(), "r0", now), { title: "Shop" }, "r1", now);
    const sent = markSent(draft, nextRequest(draft) as NonNullable<ReturnType<typeof nextRequest>>);
    expect(nextRequest(sent)?.idempotencyKey).toBe(nextRequest(draft)?.idempotencyKey);
    // An answer that never came leaves the request to repeat as is.
    const request = nextRequest(sent);
    expect(answerDraft(sent, request as never, { kind: "retry" })).toEqual(sent);
  });

  it("repeats an unanswered request before the newer text, then sends the rest on the new version", async () => {
    const first = editDraft(
      startDraft(noteId, note(), "r0", now),
      { content: "milk, eggs" },
      "r1",
      now,
    );
    const request = nextRequest(first);
    if (!request) throw new Error("expected a request");
    const typing = editDraft(markSent(first, request), { content: "milk, eggs, bread" }, "r2", now);
    expect(nextRequest(typing)).toBe(request);

    const answered = answerDraft(
      typing,
      request,
      await classifyAnswer(request, 200, note({ content: "milk, eggs", version: 4 })),
    );
    expect(nextRequest(answered)?.body).toEqual({ version: 4, content: "milk, eggs, bread" });
    expect(isSettled(answered)).toBe(false);
    expect(
      isSettled(await saved(answered, note({ content: "milk, eggs, bread", version: 5 }))),
    ).toBe(true);
  });

  it("settles on what it sent even when the server normalised it", async () => {
    const draft = editDraft(startDraft(noteId, note(), "r0", now), { title: "Shop  " }, "r1", now);
    const after = await saved(draft, note({ title: "Shop", version: 4 }));
    expect(nextRequest(after)).toBeUndefined();
    expect(isSettled(after)).toBe(true);
  });

  it("after a 409 waits for the person: keep mine goes on top of theirs, take theirs settles", async () => {
    const mine = editDraft(startDraft(noteId, note(), "r0", now), { content: "mine" }, "r1", now);
    const request = nextRequest(mine);
    if (!request) throw new Error("expected a request");
    const theirs = note({ content: "theirs", version: 7 });
    const answer = await classifyAnswer(request, 409, {
      error: { code: "conflict" },
      current: theirs,
    });
    expect(answer).toEqual({ kind: "conflict", theirs });
    const conflicted = answerDraft(markSent(mine, request), request, answer);
    expect(nextRequest(conflicted)).toBeUndefined();
    expect(isSettled(conflicted)).toBe(false);

    expect(nextRequest(keepMine(conflicted))?.body).toEqual({ version: 7, content: "mine" });
    const taken = takeTheirs(conflicted, now);
    expect(taken.fields.content).toBe("theirs");
    expect(isSettled(taken)).toBe(true);
  });

  it("keeps a refused draft without resending it until the next edit", async () => {
    const draft = editDraft(startDraft(noteId, note(), "r0", now), { content: "x" }, "r1", now);
    const request = nextRequest(draft);
    if (!request) throw new Error("expected a request");
    const answer = await classifyAnswer(request, 413, { error: { message: "Too long." } });
    const refused = answerDraft(markSent(draft, request), request, answer);
    expect(refused.refused).toBe("Too long.");
    expect(nextRequest(refused)).toBeUndefined();
    expect(isSettled(refused)).toBe(false);
    expect(nextRequest(editDraft(refused, { content: "y" }, "r2", now))?.body).toEqual({
      version: 3,
      content: "y",
    });
  });

  it("retries when the same key is still being applied, the session lapsed, the server is down or busy", async () => {
    for (const [status, body] of [
      [409, { error: { code: "conflict" } }],
      [401, { error: { code: "unauthorized" } }],
      [503, undefined],
      [429, {}],
    ] as const) {
      expect(await classifyAnswer({ method: "PATCH" }, status, body)).toEqual({ kind: "retry" });
    }
  });

  it("stops at a server failure (500) with its message instead of sending it again and again", async () => {
    const body = { error: { code: "internal", message: "Something went wrong on our side." } };
    expect(await classifyAnswer({ method: "PATCH" }, 500, body)).toEqual({
      kind: "refused",
      message: "Something went wrong on our side.",
    });
  });

  it("does not take an answer that is not a note for one", async () => {
    expect(await classifyAnswer({ method: "PATCH" }, 200, { noteId, version: "4" })).toMatchObject({
      kind: "refused",
    });
    // A 409 whose "current" is not a note carries no choice to make: ask again later.
    expect(await classifyAnswer({ method: "PATCH" }, 409, { current: { title: 1 } })).toEqual({
      kind: "retry",
    });
  });
});

describe("a draft of a note not created yet", () => {
  it("creates nothing while blank, unless a file asks for the note", async () => {
    const blank = startDraft(noteId, null, "r0", now);
    expect(nextRequest(blank)).toBeUndefined();
    expect(isSettled(blank)).toBe(true);
    expect(nextRequest(editDraft(blank, { title: "   " }, "r1", now))).toBeUndefined();
    expect(nextRequest(blank, { create: true })).toMatchObject({
      method: "POST",
      body: { noteId, title: "", content: "" },
    });
  });

  it("is created with its first title or text, prefilled or typed", async () => {
    const shared = startDraft(noteId, null, "r0", now, { title: "Link", content: "https://a.b" });
    expect(nextRequest(shared)).toEqual({
      method: "POST",
      url: "/api/notes",
      body: { noteId, title: "Link", content: "https://a.b", tags: [], pinned: false },
      idempotencyKey: "r0-new",
      fields: {
        title: "Link",
        content: "https://a.b",
        tags: [],
        pinned: false,
        remoteImages: false,
      },
    });
    const created = await saved(
      shared,
      note({ title: "Link", content: "https://a.b", version: 1 }),
      201,
    );
    expect(created.base?.version).toBe(1);
    expect(isSettled(created)).toBe(true);
  });

  it("edits a note that was already there instead of trusting the create", async () => {
    const draft = editDraft(startDraft(noteId, null, "r0", now), { title: "Mine" }, "r1", now);
    // The outbox created it empty first (a file attached offline): 200, nothing applied.
    const after = await saved(draft, note({ title: "", content: "", version: 2 }), 200);
    expect(nextRequest(after)?.body).toEqual({ version: 2, title: "Mine" });
  });
});

describe("an open editor meets a newer version saved elsewhere", () => {
  const opened = startDraft(noteId, note({ version: 1, content: "old" }), "r1", now);
  const newer = note({ version: 2, content: "edited on A" });

  it("follows it when nothing typed here waits to be sent", async () => {
    const followed = followNewer(opened, newer, "r2", now);
    expect(followed?.fields.content).toBe("edited on A");
    expect(followed?.base?.version).toBe(2);
    expect(followed && nextRequest(followed)).toBeUndefined();
  });

  it("keeps the text typed here (it meets theirs when sent), and ignores older or equal versions", async () => {
    expect(followNewer(editDraft(opened, { content: "mine" }, "r2", now), newer, "r3", now)).toBe(
      undefined,
    );
    const sending = editDraft(opened, { content: "mine" }, "r2", now);
    const request = nextRequest(sending);
    if (!request) throw new Error("nothing to send");
    expect(followNewer(markSent(sending, request), newer, "r3", now)).toBeUndefined();
    expect(followNewer(opened, note({ version: 1, content: "same" }), "r2", now)).toBeUndefined();
    expect(followNewer(startDraft(noteId, null, "r1", now), newer, "r2", now)).toBeUndefined();
    const deciding = answerDraft(markSent(sending, request), request, {
      kind: "conflict",
      theirs: newer,
    });
    expect(followNewer(deciding, note({ version: 3 }), "r3", now)).toBeUndefined();
  });
});
