import { isRedirectError } from "next/dist/client/components/redirect-error";
import { ulid } from "ulid";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { noQuerySchema } from "@/lib/schemas";
import { backends } from "@/lib/server/backends";
import { rateLimits } from "@/lib/server/rate-limits";
import { withUser, withUserRoute, withVisitor } from "@/lib/server/with-user";
import { createTestCloud } from "@/lib/testing/cloud";
import { countingStream } from "@/lib/testing/counting-stream";
import { session } from "@/lib/testing/session-mock";

const alice: SessionUser = { userId: "01ALICE", email: "alice@example.test", displayName: "Alice" };

// Writes are counted per user in DynamoDB (rate limits): point the runtime at fresh tables.
beforeAll(async () => {
  const cloud = await createTestCloud();
  for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
});

afterEach(() => {
  session.user = null;
});

/** Actions anyone may call, by design. Every other action must refuse signed-out callers. */
const visitorActions = new Set([
  "signUpAction",
  "signInAction",
  "forgotPasswordAction",
  "resetPasswordAction",
  "passkeySignInOptionsAction",
  "passkeySignInAction",
]);

function form(fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

async function expectRedirectToSignIn(call: () => Promise<unknown>) {
  const error = await call().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(isRedirectError(error), "expected a redirect to sign in").toBe(true);
  expect(String((error as { digest?: string }).digest)).toContain("/signin");
}

const actionModules = import.meta.glob<Record<string, unknown>>("/app/**/*actions.ts");
const actions = (
  await Promise.all(
    Object.entries(actionModules).map(async ([path, load]) =>
      Object.entries(await load()).map(([name, fn]) => ({ path, name, fn })),
    ),
  )
).flat();

const publicRoutes = ["/app/api/health/route.ts", "/app/api/auth/[...nextauth]/route.ts"];
const routeModules = import.meta.glob<Record<string, unknown>>("/app/api/**/route.ts");
const routeHandlers = (
  await Promise.all(
    Object.entries(routeModules)
      .filter(([path]) => !publicRoutes.includes(path))
      .map(async ([path, load]) =>
        Object.entries(await load())
          .filter(([method]) => ["GET", "POST", "PUT", "PATCH", "DELETE"].includes(method))
          .map(([method, fn]) => ({ path, method, fn })),
      ),
  )
).flat();

describe("every server action refuses signed-out callers", () => {
  it("finds the app's actions", () => {
    expect(actions.map((action) => action.name)).toEqual(
      expect.arrayContaining(["signOutAction", "deleteAccountAction", "changePasswordAction"]),
    );
    expect(actions.filter((action) => visitorActions.has(action.name))).toHaveLength(
      visitorActions.size,
    );
  });

  for (const { path, name, fn } of actions) {
    if (visitorActions.has(name)) continue;
    it(`${path} ${name}`, async () => {
      const action = fn as (...args: unknown[]) => Promise<unknown>;
      const fields = {
        password: "x",
        currentPassword: "x",
        newPassword: "xxxxxxxx",
        confirmPassword: "xxxxxxxx",
        displayName: "x",
      };
      await expectRedirectToSignIn(() =>
        action.length === 1 ? action(form(fields)) : action(null, form(fields)),
      );
    });
  }
});

describe("every JSON route refuses signed-out callers with 401", () => {
  it("knows which routes are public on purpose", () => {
    expect(Object.keys(routeModules)).toEqual(expect.arrayContaining(publicRoutes));
  });

  for (const { path, method, fn } of routeHandlers) {
    it(`${method} ${path}`, async () => {
      const handler = fn as (request: Request, context: unknown) => Promise<Response>;
      const request = new Request("http://localhost/api/x?cursor=abc", {
        method,
        ...(method !== "GET" && { body: "{}", headers: { "content-type": "application/json" } }),
      });
      const response = await handler(request, {
        params: Promise.resolve({ noteId: "01X", taskId: "01X" }),
      });
      expect(response.status).toBe(401);
    });
  }
});

describe("withUser (actions)", () => {
  const schema = z.object({ title: z.string().min(1, "Give it a title.") });

  it("passes parsed input and the user to the handler", async () => {
    session.user = alice;
    const handler = vi.fn(async () => ({ ok: true as const, message: "done" }));
    const action = withUser(schema, handler);
    expect(await action(null, form({ title: "Hi" }))).toEqual({ ok: true, message: "done" });
    // The gate hands the handler the runtime's own clients, which app/ cannot import.
    expect(handler).toHaveBeenCalledWith({ title: "Hi" }, { user: alice, ...backends() });
  });

  it("returns field errors and echoes typed values (never passwords)", async () => {
    session.user = alice;
    const action = withUser(schema, async () => undefined);
    expect(await action(null, form({ title: "", password: "secret" }))).toEqual({
      ok: false,
      message: "Some fields need attention.",
      fieldErrors: { title: ["Give it a title."] },
      values: { title: "" },
    });
  });

  it("maps domain errors to their message and storage outages to a calm one", async () => {
    session.user = alice;
    const conflict = withUser(schema, async () => {
      throw new AppError("conflict", "Changed elsewhere.");
    });
    expect(await conflict(null, form({ title: "x" }))).toMatchObject({
      ok: false,
      message: "Changed elsewhere.",
    });
    const outage = withUser(schema, async () => {
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    });
    expect(await outage(null, form({ title: "x" }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("nothing was changed"),
    });
  });

  it("does not run the handler for a signed-out caller", async () => {
    const handler = vi.fn(async () => undefined);
    await expectRedirectToSignIn(() => withUser(schema, handler)(null, form({ title: "x" })));
    expect(handler).not.toHaveBeenCalled();
  });

  it("lets visitors through to public actions", async () => {
    const handler = vi.fn(async () => undefined);
    expect(await withVisitor(schema, handler)(null, form({ title: "x" }))).toEqual({ ok: true });
  });
});

describe("withUserRoute (JSON routes)", () => {
  const route = withUserRoute(
    {
      query: noQuerySchema,
      body: z.object({ title: z.string().max(5) }),
      params: z.object({ id: z.string() }),
    },
    async ({ body, params, user }) => {
      if (body.title === "boom") throw new Error("secret internals");
      if (body.title === "gone") throw new AppError("not_found", "No such note.");
      return { id: params.id, title: body.title, owner: user.userId };
    },
  );
  const call = (body: string) =>
    route(
      new Request("http://localhost/x", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      }),
      { params: Promise.resolve({ id: "n1" }) },
    );

  it("answers 401 without a session, before reading the body", async () => {
    const response = await call("not json");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: "Sign in to continue.", fieldErrors: {} },
    });
  });

  it("answers 200 with the handler's value", async () => {
    session.user = alice;
    const response = await call(JSON.stringify({ title: "hi" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "n1", title: "hi", owner: alice.userId });
  });

  it("answers 400 with field errors, and for malformed JSON", async () => {
    session.user = alice;
    const tooLong = await call(JSON.stringify({ title: "far too long" }));
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.fieldErrors).toHaveProperty("title");
    expect((await call("{nope")).status).toBe(400);
  });

  it("maps AppError to its status and hides unexpected errors", async () => {
    session.user = alice;
    expect((await call(JSON.stringify({ title: "gone" }))).status).toBe(404);
    vi.spyOn(console, "error").mockImplementation(() => {});
    const failed = await call(JSON.stringify({ title: "boom" }));
    // A bug is not an outage: 500, so an outbox sets the change aside instead of retrying it.
    expect(failed.status).toBe(500);
    const body = await failed.json();
    expect(body.error.code).toBe("internal");
    expect(JSON.stringify(body)).not.toContain("secret internals");
  });

  it("refuses oversized bodies with 413", async () => {
    session.user = alice;
    expect((await call(JSON.stringify({ title: "x".repeat(600_000) }))).status).toBe(413);
  });

  it("marks every answer private, no-store: success, refusal and signed-out alike", async () => {
    expect((await call("{}")).headers.get("cache-control")).toBe("private, no-store");
    session.user = alice;
    expect((await call(JSON.stringify({ title: "hi" }))).headers.get("cache-control")).toBe(
      "private, no-store",
    );
    expect((await call("{nope")).headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers a DynamoDB ValidationException with 400, not as an outage", async () => {
    session.user = { ...alice, userId: ulid() };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    logged.mockClear();
    const invalid = withUserRoute({ query: noQuerySchema }, async () => {
      throw Object.assign(new Error("The provided starting key is invalid"), {
        name: "ValidationException",
      });
    });
    const response = await invalid(new Request("http://localhost/x"), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/check its parameters/);
    expect(logged).not.toHaveBeenCalled();
  });
});

describe("withUserRoute refuses forged and oversized requests", () => {
  const runs = vi.fn();
  const route = withUserRoute(
    { query: noQuerySchema, body: z.object({ title: z.string() }) },
    async ({ body }) => {
      runs(body);
      return { ok: true };
    },
  );
  const post = (headers: Record<string, string>, body: BodyInit = '{"title":"x"}') =>
    route(
      new Request("http://localhost:3000/api/notes", {
        method: "POST",
        headers: { host: "localhost:3000", ...headers },
        body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({}) },
    );

  afterEach(() => runs.mockReset());

  it("refuses a same-site, cross-origin POST (another port of this host) with 403", async () => {
    session.user = { ...alice, userId: ulid() };
    const forged = await post({ "sec-fetch-site": "same-site", "content-type": "text/plain" });
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.message).toMatch(/another site/);
    for (const site of ["cross-site", "none"]) {
      expect(
        (await post({ "sec-fetch-site": site, "content-type": "application/json" })).status,
      ).toBe(403);
    }
    expect(runs).not.toHaveBeenCalled();
    const own = await post({ "sec-fetch-site": "same-origin", "content-type": "application/json" });
    expect(own.status).toBe(200);
  });

  it("falls back to Origin against Host when a browser sends no Sec-Fetch-Site", async () => {
    session.user = { ...alice, userId: ulid() };
    const json = { "content-type": "application/json" };
    expect((await post({ ...json, origin: "http://localhost:3001" })).status).toBe(403);
    expect((await post({ ...json, origin: "null" })).status).toBe(403);
    expect((await post({ ...json, origin: "http://evil.localhost:3000" })).status).toBe(403);
    expect(runs).not.toHaveBeenCalled();
    expect((await post({ ...json, origin: "http://localhost:3000" })).status).toBe(200);
    // Neither header: no browser sent it (curl, scripts), so no cookie was borrowed.
    expect((await post(json)).status).toBe(200);
  });

  it("answers 415 for a body that is not declared as JSON, without running", async () => {
    session.user = { ...alice, userId: ulid() };
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      const response = await post({ "sec-fetch-site": "same-origin", "content-type": type });
      expect(response.status).toBe(415);
    }
    expect((await post({})).status).toBe(415);
    expect(runs).not.toHaveBeenCalled();
    const charset = await post({ "content-type": "application/json; charset=utf-8" });
    expect(charset.status).toBe(200);
  });

  it("stops reading a chunked body (no Content-Length) at the cap and answers 413", async () => {
    session.user = { ...alice, userId: ulid() };
    const { stream, counter } = countingStream(48 * 1024 * 1024);
    const response = await post({ "content-type": "application/json" }, stream);
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThan(512 * 1024 + 64 * 1024);
    expect(runs).not.toHaveBeenCalled();
  });

  it("limits writes per person: 429 with Retry-After and a human message", async () => {
    session.user = { ...alice, userId: ulid() };
    const json = { "content-type": "application/json" };
    for (let index = 0; index < rateLimits.writes.limit; index++) {
      expect((await post(json)).status).toBe(200);
    }
    const limited = await post(json);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.message).toMatch(
      /saving very fast; try again in \d+ second/,
    );
    // Someone else is not slowed down by it.
    session.user = { ...alice, userId: ulid() };
    expect((await post(json)).status).toBe(200);
  });
});

describe("withUserRoute idempotency fingerprints the whole request", () => {
  let applied: string[] = [];
  const route = withUserRoute(
    {
      body: z.object({ title: z.string() }).partial(),
      query: z.object({ permanent: z.string().optional() }),
    },
    async ({ body, query }) => {
      const what = query.permanent ? `delete ${body.title}` : `trash ${body.title}`;
      applied.push(what);
      return { what };
    },
  );
  const send = (search: string, body: object, key: string) =>
    route(
      new Request(`http://localhost/api/notes/n1${search}`, {
        method: "DELETE",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );

  it("replays the same request, and refuses a reuse with another query or body (422)", async () => {
    session.user = { ...alice, userId: ulid() };
    applied = [];
    const key = ulid();
    const first = await send("", { title: "a" }, key);
    expect(await first.json()).toEqual({ what: "trash a" });
    const replay = await send("", { title: "a" }, key);
    expect(replay.headers.get("idempotent-replay")).toBe("true");
    expect(await replay.json()).toEqual({ what: "trash a" });
    const permanent = await send("?permanent=1", { title: "a" }, key);
    expect(permanent.status).toBe(422);
    expect((await permanent.json()).error.message).toMatch(/already used for another request/);
    expect((await send("", { title: "b" }, key)).status).toBe(422);
    expect(applied).toEqual(["trash a"]);
  });

  it("answers a key still in progress with 503 and Retry-After, not a conflict", async () => {
    session.user = { ...alice, userId: ulid() };
    let finish = () => {};
    let started = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow = withUserRoute(
      { query: noQuerySchema, body: z.object({ title: z.string() }) },
      async ({ body }) => {
        started();
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        return { title: body.title };
      },
    );
    const key = ulid();
    const post = () =>
      slow(
        new Request("http://localhost/api/notes", {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify({ title: "a" }),
        }),
        { params: Promise.resolve({}) },
      );
    const first = post();
    await running;
    const repeat = await post();
    expect(repeat.status).toBe(503);
    expect(Number(repeat.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await repeat.json()).error.message).toMatch(/already being applied/);
    finish();
    expect((await first).status).toBe(200);
  });
});
