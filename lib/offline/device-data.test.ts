import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Ending a session on the device (issue 13 §5): against IndexedDB in memory (fake-indexeddb)
// and a scripted server (fetch); the browser's own, with real sessions, is in e2e/wipe.spec.ts.

type Location = { pathname: string; replace: ReturnType<typeof vi.fn> };
let location: Location;
let cookieWrites: string[];
let otherTab: BroadcastChannel;
let told: unknown[];

beforeEach(() => {
  // Each test loads the modules afresh: a session ends once per page.
  vi.resetModules();
  location = {
    pathname: "/notes",
    replace: vi.fn((path: string) => {
      location.pathname = path;
    }),
  };
  cookieWrites = [];
  vi.stubGlobal("window", { location });
  vi.stubGlobal("document", {
    set cookie(value: string) {
      cookieWrites.push(value);
    },
  });
  vi.stubGlobal("navigator", { onLine: true });
  vi.stubGlobal(
    "fetch",
    vi.fn(
      async () =>
        new Response(JSON.stringify({ error: { code: "unauthorized" } }), { status: 401 }),
    ),
  );
  told = [];
  otherTab = new BroadcastChannel("jotboard-session");
  otherTab.onmessage = (event) => told.push(event.data);
});

afterEach(async () => {
  otherTab.close();
  vi.unstubAllGlobals();
  indexedDB.deleteDatabase("jotboard");
});

/** The person's data the device holds: an unsent change, a draft, a remembered note. */
async function keepSomething() {
  const { enqueueMutation, rememberNotes } = await import("@/lib/offline/store");
  const { putDraft } = await import("@/lib/offline/draft-store");
  const { editDraft, startDraft } = await import("@/lib/offline/drafts");
  const { noteFixture, queuedEditFixture } = await import("@/lib/testing/fixtures");
  const note = noteFixture();
  await rememberNotes([note]);
  await enqueueMutation(queuedEditFixture("01HBBBBBBBBBBBBBBBBBBBBBBB", { status: "done" }));
  const now = new Date().toISOString();
  await putDraft(
    editDraft(startDraft(note.noteId, note, "r0", now), { content: "mine" }, "r1", now),
  );
}

async function databaseNames(): Promise<(string | undefined)[]> {
  return (await indexedDB.databases()).map((database) => database.name);
}

const untilTold = () => vi.waitFor(() => expect(told).toHaveLength(1));

describe("a 401 seen by the device", () => {
  it("from any API call wipes the database and the replica cookie, tells the other tabs and goes to sign-in", async () => {
    await keepSomething();
    expect(await databaseNames()).toContain("jotboard");
    const { callApi } = await import("@/lib/api/client");
    const { endDeviceSession, watchSessionEnd } = await import("@/lib/offline/device-data");
    const stop = watchSessionEnd();
    const answer = await callApi("/api/notes", null);
    expect(answer).toMatchObject({ ok: false, status: 401 });
    await vi.waitFor(() => expect(location.replace).toHaveBeenCalled());
    // The wipe the 401 began (a second call, or a second 401, joins it).
    await callApi("/api/notes", null);
    await endDeviceSession();

    expect(await databaseNames()).not.toContain("jotboard");
    expect(cookieWrites).toEqual([expect.stringMatching(/^jotboard-replica=; path=\/; max-age=0/)]);
    expect(location.replace).toHaveBeenCalledTimes(1);
    expect(location.replace).toHaveBeenCalledWith("/signin");
    await untilTold();
    expect(told).toEqual([{ type: "session-ended" }]);
    stop();
  });

  it("while this tab changes its own session is that change, not news: nothing is wiped", async () => {
    await keepSomething();
    const { callApi } = await import("@/lib/api/client");
    const { changingOwnSession, watchSessionEnd } = await import("@/lib/offline/device-data");
    const stop = watchSessionEnd();
    // A password change here: the poke's pull meets the old cookie before the new one arrives.
    changingOwnSession();
    expect(await callApi("/api/notes", null)).toMatchObject({ ok: false, status: 401 });
    expect(await databaseNames()).toContain("jotboard");
    expect(location.replace).not.toHaveBeenCalled();
    expect(cookieWrites).toEqual([]);
    stop();
  });

  it("from the outbox's replay wipes its unsent changes and drafts", async () => {
    await keepSomething();
    const { replayOutbox } = await import("@/lib/offline/sync");
    const stop = (await import("@/lib/offline/device-data")).watchSessionEnd();
    await replayOutbox();
    expect(await databaseNames()).not.toContain("jotboard");
    expect(location.replace).toHaveBeenCalledWith("/signin");
    stop();
  });

  it("on a signed-out page wipes and stays (a sign-out's landing page)", async () => {
    await keepSomething();
    location.pathname = "/";
    const { callApi } = await import("@/lib/api/client");
    const { endDeviceSession } = await import("@/lib/offline/device-data");
    await callApi("/api/notes", null);
    await endDeviceSession();
    expect(await databaseNames()).not.toContain("jotboard");
    expect(location.replace).not.toHaveBeenCalled();
  });

  it("does not leave the sign-in page, and ends a later session there again", async () => {
    location.pathname = "/signin";
    const { endDeviceSession, watchSessionEnd } = await import("@/lib/offline/device-data");
    // Even as a signed-in page would (the sign-in page is never one; this checks the path too).
    const stop = watchSessionEnd();
    await endDeviceSession();
    await keepSomething();
    await endDeviceSession();
    expect(await databaseNames()).not.toContain("jotboard");
    expect(location.replace).not.toHaveBeenCalled();
    stop();
  });
});

describe("another tab", () => {
  it("that learns the session ended wipes and leaves, without telling the others again", async () => {
    await keepSomething();
    const { watchSessionEnd } = await import("@/lib/offline/device-data");
    const stop = watchSessionEnd();
    otherTab.postMessage({ type: "session-ended" });
    await vi.waitFor(() => expect(location.replace).toHaveBeenCalledWith("/signin"));
    stop();
    await vi.waitFor(async () => expect(await databaseNames()).not.toContain("jotboard"));
    expect(told).toEqual([]);
  });

  it("ignores other messages on the channel", async () => {
    const { watchSessionEnd } = await import("@/lib/offline/device-data");
    const stop = watchSessionEnd();
    otherTab.postMessage({ type: "something else" });
    otherTab.postMessage("session-ended");
    // A message that does end it, sent after: once it has been handled, the others were seen.
    otherTab.postMessage({ type: "session-ended" });
    await vi.waitFor(() => expect(location.replace).toHaveBeenCalledTimes(1));
    stop();
  });
});
