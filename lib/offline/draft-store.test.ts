import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { putDraft, readDraft, readDrafts, replaceDraft } from "@/lib/offline/draft-store";
import { editDraft, startDraft } from "@/lib/offline/drafts";
import { claimForUser, clearOfflineStore, database, enqueueMutation } from "@/lib/offline/store";
import { pendingCount } from "@/lib/offline/sync";

// IndexedDB in memory (fake-indexeddb); the browser's own is exercised by the e2e tests.
const now = "2026-11-23T09:00:00.000Z";
const typed = (noteId: string, content: string, revision = "r1") =>
  editDraft(startDraft(noteId, null, "r0", now), { content }, revision, now);

afterEach(() => clearOfflineStore());

describe("the draft store", () => {
  it("keeps the last write of a note, in call order", async () => {
    const writes = ["m", "mi", "mil", "milk"].map((text, index) =>
      putDraft(typed("01HAAAAAAAAAAAAAAAAAAAAAAA", text, `r${index + 1}`)),
    );
    await Promise.all(writes);
    expect((await readDraft("01HAAAAAAAAAAAAAAAAAAAAAAA"))?.fields.content).toBe("milk");
  });

  it("lets go of a draft with nothing left to send", async () => {
    await putDraft(typed("01HAAAAAAAAAAAAAAAAAAAAAAA", "milk"));
    await putDraft(typed("01HAAAAAAAAAAAAAAAAAAAAAAA", ""));
    expect(await readDrafts()).toEqual([]);
  });

  it("does not let a background send overwrite an edit made meanwhile", async () => {
    const read = typed("01HAAAAAAAAAAAAAAAAAAAAAAA", "old", "r1");
    await putDraft(read);
    await putDraft(typed("01HAAAAAAAAAAAAAAAAAAAAAAA", "newer", "r2"));
    expect(await replaceDraft({ ...read, refused: "stale" })).toBe(false);
    expect((await readDraft("01HAAAAAAAAAAAAAAAAAAAAAAA"))?.fields.content).toBe("newer");
    expect(await replaceDraft({ ...read, revision: "r2", refused: "x" })).toBe(true);
  });

  it("counts drafts with something to send beside the outbox", async () => {
    await putDraft(typed("01HAAAAAAAAAAAAAAAAAAAAAAA", "milk"));
    await putDraft(typed("01HBBBBBBBBBBBBBBBBBBBBBBB", "eggs"));
    await enqueueMutation({
      id: "01HCCCCCCCCCCCCCCCCCCCCCCC",
      method: "POST",
      url: "/api/tasks",
      idempotencyKey: "01HDDDDDDDDDDDDDDDDDDDDDDD",
      label: "New task",
      createdAt: now,
    });
    expect(await pendingCount()).toBe(3);
  });

  it("is wiped with the rest of the device's data on sign-out and for another person", async () => {
    await claimForUser("user-a");
    await putDraft(typed("01HAAAAAAAAAAAAAAAAAAAAAAA", "private"));
    await clearOfflineStore();
    expect(await readDrafts()).toEqual([]);

    await claimForUser("user-a");
    await putDraft(typed("01HAAAAAAAAAAAAAAAAAAAAAAA", "private"));
    await claimForUser("user-b");
    expect(await readDrafts()).toEqual([]);
  });

  it("passes over a stored draft it cannot read (another build wrote it)", async () => {
    await putDraft(typed("01HAAAAAAAAAAAAAAAAAAAAAAA", "milk"));
    const db = await database();
    await db.put("drafts", { noteId: "01HBBBBBBBBBBBBBBBBBBBBBBB", fields: "eggs" } as never);
    expect((await readDrafts()).map((draft) => draft.noteId)).toEqual([
      "01HAAAAAAAAAAAAAAAAAAAAAAA",
    ]);
    expect(await readDraft("01HBBBBBBBBBBBBBBBBBBBBBBB")).toBeUndefined();
  });
});
