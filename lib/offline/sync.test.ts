import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearOfflineStore, enqueueMutation, queuedMutations } from "@/lib/offline/store";
import {
  discardSetAside,
  onSync,
  pendingCount,
  replayOutbox,
  retrySetAside,
  type SyncEvent,
  sendOrQueue,
} from "@/lib/offline/sync";
import type { Task } from "@/lib/tasks/types";
import { queuedEditFixture, taskFixture } from "@/lib/testing/fixtures";

// The outbox against IndexedDB in memory and a scripted server (fetch): what it keeps, sends,
// sets aside and tells the page. The real server's side is in lib/server/with-user.test.ts.
const mutation = queuedEditFixture;

const task = (taskId: string, fields: Partial<Task> = {}) =>
  taskFixture(taskId, { description: "Milk", position: "a0", version: 2, ...fields });

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
let answers: Answer[] = [];
const sent: { url: string; body: unknown; key: string | null }[] = [];
let events: SyncEvent[] = [];
let unsubscribe = () => {};

beforeEach(() => {
  answers = [];
  sent.length = 0;
  events = [];
  unsubscribe = onSync((event) => events.push(event));
  // Offline once the replay ends: no retry timer outlives the test.
  vi.stubGlobal("navigator", { onLine: false });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({
        url,
        body: init.body ? JSON.parse(String(init.body)) : undefined,
        key: new Headers(init.headers).get("idempotency-key"),
      });
      const answer = answers.shift();
      if (!answer) throw new TypeError("Failed to fetch");
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
        status: answer.status,
        headers: answer.headers,
      });
    }),
  );
});

afterEach(async () => {
  unsubscribe();
  vi.unstubAllGlobals();
  await clearOfflineStore();
});

describe("replaying the outbox", () => {
  it("sends two offline edits of one task as one change carrying both fields", async () => {
    await enqueueMutation(
      mutation("01H0000000000000000000000A", { version: 2, description: "Oat milk" }),
    );
    await enqueueMutation({
      ...mutation("01H0000000000000000000000B", { version: 2, details: "2 litres" }),
      url: "/api/tasks/01H0000000000000000000000A",
      mergeKey: "PATCH /api/tasks/01H0000000000000000000000A",
    });
    answers = [{ status: 200, body: task("01H0000000000000000000000A", { version: 3 }) }];
    await replayOutbox();
    expect(sent).toEqual([
      {
        url: "/api/tasks/01H0000000000000000000000A",
        body: { version: 2, description: "Oat milk", details: "2 litres" },
        key: "key-01H0000000000000000000000B",
      },
    ]);
    expect(await queuedMutations()).toEqual([]);
    expect(events.filter((event) => event.type === "replayed")).toHaveLength(1);
  });

  it("keeps a change whose key is still being applied (503, Retry-After), and tells nobody it failed", async () => {
    await enqueueMutation(
      mutation("01H0000000000000000000000A", { version: 2, status: "completed" }),
    );
    answers = [
      {
        status: 503,
        body: {
          error: {
            code: "unavailable",
            message: "This change is already being applied; try again in a moment.",
          },
        },
        headers: { "retry-after": "25" },
      },
    ];
    await replayOutbox();
    expect((await queuedMutations()).map((queued) => queued.id)).toEqual([
      "01H0000000000000000000000A",
    ]);
    expect(events.some((event) => event.type === "conflict" || event.type === "refused")).toBe(
      false,
    );
    expect(await pendingCount()).toBe(1);
  });

  it("sets a change the server failed on (500) aside with a message, and sends the ones behind it", async () => {
    await enqueueMutation(
      mutation("01H0000000000000000000000A", { version: 2, status: "completed" }),
    );
    await enqueueMutation(mutation("01H0000000000000000000000B", { version: 2, status: "todo" }));
    answers = [
      {
        status: 500,
        body: {
          error: {
            code: "internal",
            message: "Something went wrong on our side; nothing was changed.",
          },
        },
      },
      { status: 200, body: task("01H0000000000000000000000B", { version: 3 }) },
    ];
    await replayOutbox();
    expect(sent.map((request) => request.url)).toEqual([
      "/api/tasks/01H0000000000000000000000A",
      "/api/tasks/01H0000000000000000000000B",
    ]);
    const queue = await queuedMutations();
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      id: "01H0000000000000000000000A",
      setAside: "Something went wrong on our side; nothing was changed.",
    });
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "refused",
        setAside: true,
        message: "Something went wrong on our side; nothing was changed.",
      }),
    );
    // Set aside is not waiting: the next replay does not send it again by itself.
    expect(await pendingCount()).toBe(0);
    await replayOutbox();
    expect(sent).toHaveLength(2);
  });

  it("keeps a refused or conflicting change aside with its message when no open view shows it", async () => {
    await enqueueMutation(
      mutation("01H0000000000000000000000A", { version: 2, status: "completed" }),
    );
    await enqueueMutation(mutation("01H0000000000000000000000B", { version: 2, status: "todo" }));
    answers = [
      {
        status: 409,
        body: {
          error: { code: "conflict", message: "This task changed elsewhere." },
          current: task("01H0000000000000000000000A", { version: 3 }),
        },
      },
      { status: 404, body: { error: { code: "not_found", message: "This task does not exist." } } },
    ];
    await replayOutbox();
    const queue = await queuedMutations();
    expect(queue.map((queued) => [queued.id, queued.setAside])).toEqual([
      ["01H0000000000000000000000A", "This task changed elsewhere."],
      ["01H0000000000000000000000B", "This task does not exist."],
    ]);
    expect(await pendingCount()).toBe(0);
  });

  it("lets go of a refused change once an open view has shown it to the person", async () => {
    const stopShowing = onSync((event) => event.type === "refused");
    try {
      await enqueueMutation(
        mutation("01H0000000000000000000000A", { version: 2, status: "completed" }),
      );
      answers = [
        {
          status: 404,
          body: { error: { code: "not_found", message: "This task does not exist." } },
        },
      ];
      await replayOutbox();
      expect(await queuedMutations()).toEqual([]);
    } finally {
      stopShowing();
    }
  });

  it("sends a set-aside change again on retry, with the same key, and drops it on discard", async () => {
    await enqueueMutation(
      mutation("01H0000000000000000000000A", { version: 2, status: "completed" }),
    );
    await enqueueMutation(mutation("01H0000000000000000000000B", { version: 2, status: "todo" }));
    answers = [{ status: 500 }, { status: 500 }];
    await replayOutbox();
    expect((await queuedMutations()).every((queued) => queued.setAside)).toBe(true);

    answers = [{ status: 200, body: task("01H0000000000000000000000A", { version: 3 }) }];
    await retrySetAside("01H0000000000000000000000A");
    expect(sent.at(-1)).toMatchObject({
      url: "/api/tasks/01H0000000000000000000000A",
      key: "key-01H0000000000000000000000A",
    });
    await discardSetAside("01H0000000000000000000000B");
    expect(await queuedMutations()).toEqual([]);
    expect(events.at(-1)).toEqual({ type: "pending", count: 0 });
  });

  it("sends a new change at once when only set-aside changes wait on the device", async () => {
    await enqueueMutation(
      mutation("01H0000000000000000000000A", { version: 2, status: "completed" }),
    );
    answers = [{ status: 500 }];
    await replayOutbox();
    vi.stubGlobal("navigator", { onLine: true });
    answers = [{ status: 200, body: task("01H0000000000000000000000B", { version: 3 }) }];
    const result = await sendOrQueue({
      method: "PATCH",
      url: "/api/tasks/01H0000000000000000000000B",
      body: { version: 2, status: "todo" },
      label: "Edit a task",
    });
    expect(result.queued).toBe(false);
    expect(sent.at(-1)?.url).toBe("/api/tasks/01H0000000000000000000000B");
  });
});

describe("sending changes now", () => {
  it("sends a change only after the one sent before it was answered (a new task, then its edit)", async () => {
    vi.stubGlobal("navigator", { onLine: true });
    const order: string[] = [];
    let answerCreate: (response: Response) => void = () => {};
    vi.stubGlobal(
      "fetch",
      vi.fn((url: string, init: RequestInit) => {
        order.push(`${init.method} ${url}`);
        if (init.method === "POST") {
          return new Promise<Response>((resolve) => {
            answerCreate = resolve;
          });
        }
        return Promise.resolve(new Response(JSON.stringify(task("01H0000000000000000000000A"))));
      }),
    );
    const create = sendOrQueue({
      method: "POST",
      url: "/api/tasks",
      body: { taskId: "01H0000000000000000000000A", description: "Milk" },
      label: "New task",
    });
    const edit = sendOrQueue({
      method: "PATCH",
      url: "/api/tasks/01H0000000000000000000000A",
      body: { version: 1, status: "completed" },
      label: "Edit a task",
    });
    await vi.waitFor(() => expect(order).toEqual(["POST /api/tasks"]));
    // The edit waits while the task it edits is still being created.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(["POST /api/tasks"]);
    answerCreate(new Response(JSON.stringify(task("01H0000000000000000000000A")), { status: 201 }));
    await Promise.all([create, edit]);
    expect(order).toEqual(["POST /api/tasks", "PATCH /api/tasks/01H0000000000000000000000A"]);
  });
});
