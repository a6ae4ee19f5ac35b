/**
 * Every JSON route parses its whole query string with one strict schema (lib/<domain>/schemas.ts
 * or lib/schemas.ts): a parameter the route does not take is a 400 naming it, before any read or
 * write, never silently ignored.
 */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import {
  call,
  newSessionUser,
  type RouteHandler,
  setUpRouteCloud,
} from "@/lib/reliability/harness";
import { session } from "@/lib/testing/session-mock";

/** The route's own params, from the `[name]` segments of its path, each a fresh id. */
function paramsOf(path: string): Record<string, string> {
  return Object.fromEntries([...path.matchAll(/\[(\w+)\]/g)].map((match) => [match[1], ulid()]));
}

describe("query schemas", () => {
  let routes: RouteHandler[];

  beforeAll(async () => {
    const setUp = await setUpRouteCloud();
    routes = setUp.routes;
    session.user = await newSessionUser(setUp.cloud.database, "Quinn");
  }, 120_000);

  it("covers every route handler", () => {
    expect(routes.length).toBeGreaterThanOrEqual(13);
  });

  it("refuses a parameter no route takes with a 400 naming it", async () => {
    const answers: Record<string, unknown> = {};
    for (const route of routes) {
      const { status, body } = await call(route.handler, route.method, {
        params: paramsOf(route.path),
        query: "?unexpected=1",
        body: route.method === "GET" ? undefined : {},
      });
      const fieldErrors = (body.error as { fieldErrors?: unknown } | undefined)?.fieldErrors;
      answers[route.name] = { status, names: JSON.stringify(fieldErrors).includes("unexpected") };
    }
    expect(answers).toEqual(
      Object.fromEntries(routes.map((route) => [route.name, { status: 400, names: true }])),
    );
  });
});
