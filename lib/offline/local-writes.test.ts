import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { noteAnswer } from "@/lib/api/answers";
import { callApi } from "@/lib/api/client";
import { sendDraftRequest } from "@/lib/offline/draft-sync";
import { expectedRecord, targetOf, withKeptDetails } from "@/lib/offline/local-writes";
import { clearOfflineStore, queuedMutations } from "@/lib/offline/store";
import { onSync, replayOutbox, type SyncEvent, sendOrQueue } from "@/lib/offline/sync";
import { applyChanges, readNote, readTask, readTasks } from "@/lib/replica/store";
import { callTasksApi } from "@/lib/tasks/api-client";
import type { Task } from "@/lib/tasks/types";
import { noteFixture, taskFixture } from "@/lib/testing/fixtures";

// The one seam that makes a write show in the device's replica at once (IndexedDB in memory,
// the server scripted through fetch): the outbox and the API client both go through it.
const taskId = "01HTASKAAAAAAAAAAAAAAAAAAA";
const stored = taskFixture(taskId, {
  description: "Milk",
  details: "2 litres",
  position: "a0",
  version: 2,
});

type Answer = { status: number; body?: unknown };
let answers: Answer[] = [];
let events: SyncEvent[] = [];
let unsubscribe = () => {};
let online = true;

beforeEach(async () => {
  answers = [];
  events = [];
  online = true;
  unsubscribe = onSync((event) => {
    events.push(event);
    // An open task view shows refusals: the change is not kept aside.
    return event.type === "refused" || event.type === "conflict";
  });
  vi.stubGlobal("navigator", {
    get onLine() {
      return online;
    },
  });
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => {
      const answer = answers.shift();
      if (!online || !answer) throw new TypeError("Failed to fetch");
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
        status: answer.status,
      });
    }),
  );
  await applyChanges([{ seq: 1, kind: "task", id: taskId, task: stored }]);
});

afterEach(async () => {
  unsubscribe();
  online = false;
  vi.unstubAllGlobals();
  await clearOfflineStore();
});

const completed = (fields: Partial<Task> = {}): Task => ({
  ...stored,
  details: "",
  status: "completed",
  ...fields,
});

function complete() {
  return callTasksApi<Task>(`/api/tasks/${taskId}`, {
    method: "PATCH",
    body: { version: 2, status: "completed" },
    optimistic: completed(),
  });
}

describe("a write lands in the replica at once", () => {
  it("shows a change queued offline, keeps the replica's details, and takes the server's answer on replay", async () => {
    online = false;
    const result = await complete();
    expect(result).toMatchObject({ ok: true, queued: true });
    expect(await readTask(taskId)).toMatchObject({ status: "completed", details: "2 litres" });
    expect((await readTasks({ trash: false })).map((task) => task.status)).toEqual(["completed"]);

    online = true;
    answers = [{ status: 200, body: completed({ details: "2 litres", version: 3 }) }];
    await replayOutbox();
    expect(await queuedMutations()).toEqual([]);
    expect(await readTask(taskId)).toMatchObject({ status: "completed", version: 3 });
  });

  it("rolls a refused replay back to the replica's record, and the outbox says why", async () => {
    online = false;
    await complete();
    expect(await readTask(taskId)).toMatchObject({ status: "completed" });
    online = true;
    answers = [{ status: 404, body: { error: { message: "This task does not exist." } } }];
    await replayOutbox();
    expect(await readTask(taskId)).toMatchObject({ status: "todo", version: 2 });
    expect(events).toContainEqual(
      expect.objectContaining({ type: "refused", message: "This task does not exist." }),
    );
  });

  it("takes the answer of a change sent now, and undoes one refused now", async () => {
    answers = [{ status: 200, body: completed({ details: "2 litres", version: 3 }) }];
    expect(await complete()).toMatchObject({ ok: true, data: { version: 3 } });
    expect(await readTask(taskId)).toMatchObject({ status: "completed", version: 3 });

    answers = [{ status: 409, body: { error: { message: "Changed." }, current: stored } }];
    const refused = await callTasksApi<Task>(`/api/tasks/${taskId}`, {
      method: "PATCH",
      body: { version: 3, description: "Oat milk" },
      optimistic: { ...stored, description: "Oat milk" },
    });
    expect(refused.ok).toBe(false);
    expect(await readTask(taskId)).toMatchObject({ description: "Milk", version: 3 });
  });

  it("clears the overlay of edits folded into one queued change when that change is answered", async () => {
    online = false;
    await complete();
    await callTasksApi<Task>(`/api/tasks/${taskId}`, {
      method: "PATCH",
      body: { version: 2, priority: "high" },
      optimistic: completed({ priority: "high" }),
    });
    expect(await readTask(taskId)).toMatchObject({ status: "completed", priority: "high" });
    online = true;
    answers = [{ status: 404, body: { error: { message: "Gone." } } }];
    await replayOutbox();
    // One change went (both edits folded); its refusal takes the whole overlay away.
    expect(await readTask(taskId)).toMatchObject({ status: "todo", priority: "medium" });
  });

  it("shows a note trashed through the outbox, and a note the API client changed", async () => {
    const note = noteFixture({ version: 4 });
    await applyChanges([{ seq: 2, kind: "note", id: note.noteId, note }]);
    online = false;
    await sendOrQueue({ method: "DELETE", url: `/api/notes/${note.noteId}`, label: "Trash" });
    expect((await readNote(note.noteId))?.deletedAt).not.toBeNull();

    online = true;
    const pinned = { ...note, pinned: true, version: 5 };
    answers = [{ status: 200, body: { ...note, deletedAt: "2026-01-01T00:00:00.000Z" } }];
    await replayOutbox();
    answers = [{ status: 200, body: pinned }];
    const answer = await callApi(`/api/notes/${note.noteId}/restore`, noteAnswer, {
      method: "POST",
    });
    expect(answer.ok).toBe(true);
    expect(await readNote(note.noteId)).toMatchObject({ pinned: true, version: 5 });
  });

  it("keeps a note's text as the server saved it from its draft", async () => {
    const note = noteFixture({ version: 4 });
    await applyChanges([{ seq: 2, kind: "note", id: note.noteId, note }]);
    const saved = { ...note, content: "milk, eggs", version: 5 };
    answers = [{ status: 200, body: saved }];
    const answer = await sendDraftRequest({
      method: "PATCH",
      url: `/api/notes/${note.noteId}`,
      body: { version: 4, content: "milk, eggs" },
      idempotencyKey: "draft-key",
      fields: {
        title: note.title,
        content: "milk, eggs",
        tags: [],
        pinned: false,
        remoteImages: false,
      },
    });
    expect(answer.kind).toBe("saved");
    expect(await readNote(note.noteId)).toMatchObject({ content: "milk, eggs", version: 5 });
  });

  it("removes a task deleted for good at once", async () => {
    answers = [{ status: 204 }];
    await callTasksApi(`/api/tasks/${taskId}?permanent=1`, { method: "DELETE", optimistic: null });
    expect(await readTask(taskId)).toBeUndefined();
  });
});

describe("what a change will make of a record", () => {
  const now = "2026-02-02T00:00:00.000Z";
  it("names its target from the URL, or the id a create sends", () => {
    expect(targetOf({ url: `/api/tasks/${taskId}/move` })).toEqual({ kind: "task", id: taskId });
    expect(targetOf({ url: "/api/tasks", body: { taskId } })).toEqual({ kind: "task", id: taskId });
    expect(targetOf({ url: "/api/notes/n1/attachments/a1" })).toEqual({ kind: "note", id: "n1" });
    expect(targetOf({ url: "/api/notes?trash=1" })).toBeUndefined();
  });

  it("derives trash, restore, edits, deletion for good and a new note", () => {
    const target = { kind: "task", id: taskId } as const;
    const trash = { method: "DELETE", url: `/api/tasks/${taskId}` } as const;
    expect(expectedRecord(trash, target, stored, now)).toMatchObject({ deletedAt: now });
    const restore = { method: "POST", url: `/api/tasks/${taskId}/restore` } as const;
    const trashed = { ...stored, deletedAt: now };
    expect(expectedRecord(restore, target, trashed, now)).toMatchObject({ deletedAt: null });
    const edit = {
      method: "PATCH",
      url: `/api/tasks/${taskId}`,
      body: { version: 2, dueDate: "2026-03-01" },
    } as const;
    expect(expectedRecord(edit, target, stored, now)).toMatchObject({
      dueDate: "2026-03-01",
      version: 2,
    });
    const gone = { method: "DELETE", url: `/api/tasks/${taskId}?permanent=1` } as const;
    expect(expectedRecord(gone, target, stored, now)).toBeNull();
    expect(expectedRecord(edit, target, undefined, now)).toBeUndefined();
    const create = { method: "POST", url: "/api/notes", body: { noteId: "n1" } } as const;
    expect(expectedRecord(create, { kind: "note", id: "n1" }, undefined, now)).toMatchObject({
      noteId: "n1",
      title: "",
      deletedAt: null,
    });
  });

  it("keeps a task's details unless the change sends new ones", () => {
    const card = { ...stored, details: "" };
    expect(withKeptDetails({ body: { status: "todo" } }, card, stored)).toMatchObject({
      details: "2 litres",
    });
    expect(withKeptDetails({ body: { details: "" } }, card, stored)).toMatchObject({
      details: "",
    });
  });
});
