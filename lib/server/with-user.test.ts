import { isRedirectError } from "next/dist/client/components/redirect-error";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { withUser, withUserRoute, withVisitor } from "@/lib/server/with-user";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => session.user,
  requireUser: async () => session.user,
}));

const alice: SessionUser = { userId: "01ALICE", email: "alice@example.test", displayName: "Alice" };

afterEach(() => {
  session.user = null;
});

/** Actions anyone may call, by design. Every other action must refuse signed-out callers. */
const visitorActions = new Set(["signUpAction", "signInAction"]);

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

const actionModules = import.meta.glob<Record<string, unknown>>("/app/**/actions.ts");
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
    expect(handler).toHaveBeenCalledWith({ title: "Hi" }, { user: alice });
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
    { body: z.object({ title: z.string().max(5) }), params: z.object({ id: z.string() }) },
    async ({ body, params, user }) => {
      if (body.title === "boom") throw new Error("secret internals");
      if (body.title === "gone") throw new AppError("not_found", "No such note.");
      return { id: params.id, title: body.title, owner: user.userId };
    },
  );
  const call = (body: string) =>
    route(new Request("http://localhost/x", { method: "POST", body }), {
      params: Promise.resolve({ id: "n1" }),
    });

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
    expect(failed.status).toBe(503);
    expect(JSON.stringify(await failed.json())).not.toContain("secret internals");
  });

  it("refuses oversized bodies with 413", async () => {
    session.user = alice;
    expect((await call(JSON.stringify({ title: "x".repeat(600_000) }))).status).toBe(413);
  });
});
