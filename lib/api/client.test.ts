import { afterEach, describe, expect, it, vi } from "vitest";
import { notePageAnswer, taskAnswer } from "@/lib/api/answers";
import { callApi, readAnswer } from "@/lib/api/client";
import { callTasksApi } from "@/lib/tasks/api-client";
import { taskFixture } from "@/lib/testing/fixtures";

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers });

const task = taskFixture("01HTASKAAAAAAAAAAAAAAAAAAA", {
  description: "Milk",
  position: "a0",
  version: 2,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the API client", () => {
  it("answers with the body once it matches what the route answers", async () => {
    const page = { items: [], nextCursor: "abc" };
    expect(await readAnswer(json(page), notePageAnswer)).toEqual({
      ok: true,
      status: 200,
      data: page,
    });
  });

  it("does not pass off an answer of another shape as data", async () => {
    const answer = await readAnswer(json({ items: [{ noteId: 1 }] }), notePageAnswer);
    expect(answer).toMatchObject({ ok: false, status: 200 });
  });

  it("reads a refusal: the server's message, code, current record and Retry-After", async () => {
    const answer = await readAnswer(
      json({ error: { code: "rate_limited", message: "Slow down." }, current: task }, 429, {
        "retry-after": "7",
      }),
      taskAnswer,
    );
    expect(answer).toEqual({
      ok: false,
      status: 429,
      message: "Slow down.",
      serverMessage: "Slow down.",
      code: "rate_limited",
      current: task,
      retryAfterSeconds: 7,
    });
    expect(await readAnswer(new Response("<html>", { status: 502 }), taskAnswer)).toMatchObject({
      ok: false,
      message: "The server refused (HTTP 502).",
      serverMessage: undefined,
    });
  });

  it("turns no answer at all into a result, not an exception", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await callApi("/api/notes", notePageAnswer)).toEqual({
      ok: false,
      status: 0,
      message: "You seem to be offline; nothing was changed.",
    });
  });
});

describe("the tasks API client", () => {
  it("checks a task's answer and hands back the current task with a 409", async () => {
    const stale = { ...task, version: 5 };
    vi.stubGlobal("fetch", async () =>
      json({ error: { code: "conflict", message: "Changed elsewhere." }, current: stale }, 409),
    );
    expect(await callTasksApi(`/api/tasks/${task.taskId}`)).toMatchObject({
      ok: false,
      status: 409,
      message: "Changed elsewhere.",
      current: stale,
    });
    // A "current" that is not a task is not offered as one.
    vi.stubGlobal("fetch", async () => json({ current: { taskId: 1 } }, 409));
    expect(await callTasksApi(`/api/tasks/${task.taskId}`)).toMatchObject({ current: undefined });
    vi.stubGlobal("fetch", async () => json({ ...task, version: "2" }));
    expect(await callTasksApi(`/api/tasks/${task.taskId}`)).toMatchObject({ ok: false });
  });
});
