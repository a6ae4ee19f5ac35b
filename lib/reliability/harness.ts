/**
 * Shared helpers for the reliability suite: every JSON route handler of app/api, a way to call
 * one as Next would, and snapshots of everything a user owns (DynamoDB items and S3 objects).
 * Test files sign in by importing `@/lib/testing/session-mock` (one line; see its module).
 */
import { GetObjectTaggingCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { Database } from "@/lib/db/runtime";
import { createUser } from "@/lib/db/users-repository";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

export type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Routes without the session gate, on purpose (see lib/server/with-user.test.ts). */
export const publicRoutes = ["/app/api/health/route.ts", "/app/api/auth/[...nextauth]/route.ts"];

export interface RouteHandler {
  /** e.g. `/app/api/notes/[noteId]/route.ts` */
  readonly path: string;
  readonly method: string;
  readonly handler: Handler;
  /** `${method} ${path}` */
  readonly name: string;
}

/**
 * Imports every JSON route module now (after the caller stubbed the environment and reset the
 * module registry), so the runtime singletons point at the caller's tables.
 */
export async function loadRouteHandlers(): Promise<RouteHandler[]> {
  const modules = import.meta.glob<Record<string, unknown>>("/app/api/**/route.ts");
  const loaded = await Promise.all(
    Object.entries(modules)
      .filter(([path]) => !publicRoutes.includes(path))
      .map(async ([path, load]) =>
        Object.entries(await load())
          .filter(([method]) => (methods as readonly string[]).includes(method))
          .map(([method, handler]) => ({
            path,
            method,
            handler: handler as Handler,
            name: `${method} ${path}`,
          })),
      ),
  );
  return loaded.flat().sort((a, b) => a.name.localeCompare(b.name));
}

export function findRoute(routes: readonly RouteHandler[], name: string): Handler {
  const route = routes.find((candidate) => candidate.name === name);
  if (!route) throw new Error(`No route handler ${name}`);
  return route.handler;
}

export interface CallOptions {
  readonly params?: Record<string, string>;
  readonly query?: string;
  /** An object is sent as JSON; a string is sent as is. */
  readonly body?: unknown;
  /** Extra request headers (they override the JSON content type). */
  readonly headers?: Record<string, string>;
}

export interface CallResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
  readonly headers: Headers;
}

/** Calls a route handler the way Next does: a Request and a promise of the route params. */
export async function call(
  handler: Handler,
  method: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const hasBody = options.body !== undefined && method !== "GET";
  const request = new Request(`http://localhost/api/x${options.query ?? ""}`, {
    method,
    headers: { ...(hasBody && { "content-type": "application/json" }), ...options.headers },
    ...(hasBody && {
      body: typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    }),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  if (text) {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { unparsed: text };
    }
  }
  return { status: response.status, body, text, headers: response.headers };
}

/** Every item of one user's partition, read consistently to the end (test checks, cost floors). */
export async function queryAll(db: Database, table: string, userId: string) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "userId = :userId",
        ExpressionAttributeValues: { ":userId": userId },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export interface UserSnapshot {
  readonly user: Record<string, unknown> | undefined;
  readonly notes: Record<string, unknown>[];
  readonly tasks: Record<string, unknown>[];
  /** Key, size and tags of every object under the user's prefixes. */
  readonly objects: { key: string; size: number; tags: string }[];
}

/** Everything a user owns, read consistently: compare two to prove nothing changed. */
export async function snapshotUser(
  db: Database,
  storage: { client: S3Client; bucket: string } | undefined,
  userId: string,
): Promise<UserSnapshot> {
  const [user, notes, tasks] = await Promise.all([
    db.client
      .send(new GetCommand({ TableName: db.tables.Users, Key: { userId }, ConsistentRead: true }))
      .then((result) => result.Item),
    queryAll(db, db.tables.Notes, userId),
    queryAll(db, db.tables.Tasks, userId),
  ]);
  const objects: UserSnapshot["objects"] = [];
  // Kept files and pending uploads (see lib/db/schema.ts).
  const prefixes = storage ? [`private/${userId}/`, `uploads/${userId}/`] : [];
  for (const prefix of prefixes) {
    const listing = await storage?.client.send(
      new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: prefix }),
    );
    for (const object of listing?.Contents ?? []) {
      const key = object.Key ?? "";
      const tagging = await storage?.client.send(
        new GetObjectTaggingCommand({ Bucket: storage.bucket, Key: key }),
      );
      objects.push({
        key,
        size: object.Size ?? 0,
        tags: (tagging?.TagSet ?? []).map((tag) => `${tag.Key}=${tag.Value}`).join("&"),
      });
    }
  }
  return { user, notes, tasks, objects };
}

/** A run of async jobs, at most `limit` at a time, in order of `jobs`. */
export async function runBounded<T>(
  jobs: readonly (() => Promise<T>)[],
  limit: number,
): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** A small deterministic PRNG (mulberry32), so "random" test runs replay exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface RouteCloud {
  readonly cloud: TestCloud;
  readonly routes: RouteHandler[];
}

/**
 * Fresh tables and bucket for this test file, the environment pointed at them and every route
 * module imported anew, so the routes' runtime singletons use those tables.
 */
export async function setUpRouteCloud(): Promise<RouteCloud> {
  const cloud = await createTestCloud();
  vi.resetModules();
  for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
  return { cloud, routes: await loadRouteHandlers() };
}

/** An account made through the repository, as the session mock's user. */
export async function newSessionUser(db: Database, name: string): Promise<SessionUser> {
  const user = await createUser(db, {
    email: `${name.toLowerCase()}-${ulid()}@example.test`,
    displayName: name,
    passwordHash: "h",
  });
  return { userId: user.userId, email: user.email, displayName: name };
}
