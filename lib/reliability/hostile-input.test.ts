/**
 * Hostile input, property-based (fast-check): every zod schema in lib/**\/schemas.ts and every
 * JSON route get random and boundary values (empty, huge, unicode, control characters, wrong
 * types, duplicate and prototype keys, forged cursors). Schemas never throw and never pollute
 * prototypes; routes answer only 2xx, or 4xx with a message, never 5xx; and a refusal leaves
 * the stored data exactly as it was.
 */
import fc from "fast-check";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { createNote, trashNote } from "@/lib/db/notes-repository";
import { createTask, trashTask } from "@/lib/db/tasks-repository";
import {
  call,
  findRoute,
  newSessionUser,
  type RouteHandler,
  setUpRouteCloud,
  snapshotUser,
  type UserSnapshot,
} from "@/lib/reliability/harness";
import type { TestCloud } from "@/lib/testing/cloud";
import { session } from "@/lib/testing/session-mock";

// Fixed seeds: a failure replays exactly; change them to explore further.
const seed = 20_261_121;

const prototypeKeys = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

const nastyStrings = [
  "",
  " ",
  "\t\n",
  "\u0000",
  "a\u0007b",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u2028\u2029",
  "\u202e",
  "\ufeff",
  "\ud800",
  "\udfff\ud800",
  "Ω≈ç√∫",
  "👩‍👩‍👧‍👦",
  "2026-02-30",
  "0000-00-00",
  "../../etc/passwd",
  // Open redirects (see lib/auth/schemas.test.ts): URLs that leave the site once normalised.
  "/\t/example.com",
  "/.//example.com",
  "/x/..//example.com",
  "/%2e//example.com",
  "<script>alert(1)</script>",
  "%00",
  "$" + "{7*7}",
  "null",
  "undefined",
  "NaN",
  "-1",
  ...prototypeKeys,
];

const hugeStrings = [
  "a".repeat(201),
  "b".repeat(501),
  "x".repeat(100 * 1024 + 1),
  "é".repeat(60_000),
  "🙂".repeat(70_000),
];

const shortString = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0x9f }).map((code) => String.fromCharCode(code)),
    maxLength: 20,
  }),
);

const anyString = fc.oneof({ weight: 6, arbitrary: shortString }, fc.constantFrom(...hugeStrings));

const scalar = fc.oneof(
  anyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2, 2 ** 31, 2 ** 53, Number.MAX_VALUE, 1e-300),
  fc.boolean(),
  fc.constant(null),
);

/** JSON text of an object whose keys come from `keys`, duplicates and prototype keys included. */
function objectText(keys: readonly string[], value: fc.Arbitrary<unknown>) {
  return fc
    .array(fc.tuple(fc.constantFrom(...keys, ...prototypeKeys, "userId"), value), {
      maxLength: 7,
    })
    .map(
      (entries) =>
        `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${JSON.stringify(item) ?? "null"}`).join(",")}}`,
    );
}

describe("every zod schema in lib/**/schemas.ts", () => {
  const modules = import.meta.glob<Record<string, unknown>>("/lib/**/schemas.ts", { eager: true });
  const schemas = Object.entries(modules).flatMap(([path, exports]) =>
    Object.entries(exports)
      .filter(([, value]) => typeof (value as z.ZodType)?.safeParse === "function")
      .map(([name, schema]) => ({ name: `${path} ${name}`, schema: schema as z.ZodType })),
  );

  it("finds the schemas", () => {
    expect(schemas.length).toBeGreaterThan(20);
  });

  for (const { name, schema } of schemas) {
    it(`${name} never throws, explains every refusal and keeps prototypes clean`, () => {
      const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
      const keys = shape ? Object.keys(shape) : ["x"];
      const fieldValue = fc.oneof(scalar, fc.array(shortString, { maxLength: 25 }));
      const input = fc.oneof(
        fc.anything({
          withNullPrototype: true,
          withBoxedValues: true,
          withSparseArray: true,
          withObjectString: true,
          key: fc.oneof(fc.constantFrom(...keys, ...prototypeKeys), fc.string({ maxLength: 5 })),
        }),
        objectText(keys, fieldValue).map((text) => JSON.parse(text) as unknown),
        scalar,
      );
      fc.assert(
        fc.property(input, (value) => {
          const result = schema.safeParse(value);
          if (!result.success) {
            expect(result.error.issues.length).toBeGreaterThan(0);
            for (const issue of result.error.issues) expect(issue.message).not.toBe("");
          } else if (result.data && typeof result.data === "object") {
            expect(Object.hasOwn(result.data, "__proto__")).toBe(false);
          }
          expect(Object.keys(Object.prototype)).toEqual([]);
          expect(({} as Record<string, unknown>).userId).toBeUndefined();
        }),
        { numRuns: 60, seed },
      );
    });
  }
});

interface Fixture {
  readonly noteIds: string[];
  readonly taskIds: string[];
  readonly attachmentIds: string[];
}

describe("every JSON route under hostile input", () => {
  let cloud: TestCloud;
  let routes: RouteHandler[];
  let mallory: SessionUser;
  let fixture: Fixture;
  let state: UserSnapshot;

  beforeAll(async () => {
    // Hundreds of writes in a minute from one person: lift the write limit (tested on its own in
    // lib/server/with-user.test.ts) so the fuzzer reaches the schemas and the data behind it.
    vi.stubEnv("JOTBOARD_RATE_LIMIT_SCALE", "100");
    ({ cloud, routes } = await setUpRouteCloud());
    const db = cloud.database;
    mallory = await newSessionUser(db, "Mallory");
    const user = mallory;
    const note = { content: "body", pinned: false, tags: ["a"] };
    const live = await createNote(db, user.userId, { ...note, title: "Live" });
    const binned = await createNote(db, user.userId, { ...note, title: "Binned" });
    await trashNote(db, user.userId, binned.note.noteId);
    const todo = await createTask(db, user.userId, { description: "Todo" });
    const doing = await createTask(db, user.userId, {
      description: "Doing",
      status: "in-progress",
    });
    const binnedTask = await createTask(db, user.userId, { description: "Binned" });
    await trashTask(db, user.userId, binnedTask.task.taskId);
    fixture = {
      noteIds: [live.note.noteId, binned.note.noteId],
      taskIds: [todo.task.taskId, doing.task.taskId, binnedTask.task.taskId],
      attachmentIds: [ulid()],
    };
    state = await snapshotUser(db, cloud.storage, user.userId);
  });

  afterAll(() => {
    session.user = null;
    vi.unstubAllEnvs();
  });

  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(18);
  });

  it("answers 400 (never 503) to a cursor from another list and to dates out of range", async () => {
    const user = await newSessionUser(cloud.database, "Pager");
    for (let index = 0; index < 31; index++) {
      await createNote(cloud.database, user.userId, {
        title: `n${index}`,
        content: "",
        pinned: false,
        tags: [],
      });
    }
    session.user = user;
    const notes = findRoute(routes, "GET /app/api/notes/route.ts");
    const tasks = findRoute(routes, "GET /app/api/tasks/route.ts");
    const logged = vi.spyOn(console, "error");
    const live = await call(notes, "GET");
    const cursor = String(live.body.nextCursor);
    expect(live.body.nextCursor).toBeTruthy();
    for (const query of [`?trash=1&cursor=${cursor}`, `?q=n1&cursor=${cursor}`]) {
      const result = await call(notes, "GET", { query });
      expect(result.status, `${query} ${result.text}`).toBe(400);
      expect((result.body.error as { message: string }).message).toMatch(/cursor is not valid/);
    }
    for (const today of ["9999-12-31", "9999-12-25", "0000-01-01", "0099-12-31"]) {
      for (const due of ["week", "overdue"]) {
        const result = await call(tasks, "GET", { query: `?due=${due}&today=${today}` });
        expect(result.status, `${due} ${today} ${result.text}`).toBe(400);
        expect(result.body.error).toMatchObject({ fieldErrors: { today: [expect.any(String)] } });
      }
    }
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it("reads every yes/no query flag the same way on every route, and refuses other values", async () => {
    const user = await newSessionUser(cloud.database, "Flags");
    const blank = { title: "", content: "", pinned: false, tags: [] };
    const binned = async () => {
      const { note } = await createNote(cloud.database, user.userId, blank);
      await trashNote(cloud.database, user.userId, note.noteId);
      return note.noteId;
    };
    const noteId = await binned();
    const { task } = await createTask(cloud.database, user.userId, { description: "Binned" });
    await trashTask(cloud.database, user.userId, task.taskId);
    session.user = user;
    const route = (name: string) => findRoute(routes, name);
    const ids = (result: { body: Record<string, unknown> }) =>
      (result.body.items as Record<string, string>[]).map((item) => item.noteId ?? item.taskId);
    const notePath = "/app/api/notes/[noteId]/route.ts";
    const taskPath = "/app/api/tasks/[taskId]/route.ts";
    for (const [yes, no] of [
      ["1", "0"],
      ["true", "false"],
    ]) {
      const notes = route("GET /app/api/notes/route.ts");
      expect(ids(await call(notes, "GET", { query: `?trash=${yes}` }))).toEqual([noteId]);
      expect(ids(await call(notes, "GET", { query: `?trash=${no}` }))).toEqual([]);
      const tasks = route("GET /app/api/tasks/route.ts");
      expect(ids(await call(tasks, "GET", { query: `?trash=${yes}` }))).toEqual([task.taskId]);
      const one = route(`GET ${notePath}`);
      const params = { noteId };
      expect((await call(one, "GET", { params, query: `?trash=${yes}` })).status).toBe(200);
      expect((await call(one, "GET", { params, query: `?trash=${no}` })).status).toBe(404);
      const forGood = { params: { noteId: await binned() }, query: `?permanent=${yes}`, body: {} };
      expect((await call(route(`DELETE ${notePath}`), "DELETE", forGood)).status).toBe(204);
    }
    const { task: doomed } = await createTask(cloud.database, user.userId, { description: "x" });
    await trashTask(cloud.database, user.userId, doomed.taskId);
    const deleteTask = route(`DELETE ${taskPath}`);
    const params = { taskId: doomed.taskId };
    expect((await call(deleteTask, "DELETE", { params, query: "?permanent=true" })).status).toBe(
      204,
    );
    for (const [name, params, flag, value] of [
      ["GET /app/api/notes/route.ts", {}, "trash", "yes"],
      ["GET /app/api/tasks/route.ts", {}, "trash", "on"],
      [`GET ${notePath}`, { noteId }, "trash", "yes"],
      [`DELETE ${notePath}`, { noteId }, "permanent", "TRUE"],
      [`DELETE ${taskPath}`, { taskId: task.taskId }, "permanent", "2"],
    ] as const) {
      const method = name.slice(0, name.indexOf(" "));
      const body = name === `DELETE ${notePath}` ? {} : undefined;
      const result = await call(route(name), method, { params, query: `?${flag}=${value}`, body });
      expect(result.status, `${name} ${flag}=${value} ${result.text}`).toBe(400);
      expect((result.body.error as { fieldErrors: object }).fieldErrors).toHaveProperty(flag);
    }
  });

  const bodyKeys = [
    "version",
    "noteId",
    "taskId",
    "title",
    "content",
    "pinned",
    "tags",
    "description",
    "details",
    "status",
    "priority",
    "dueDate",
    "afterTaskId",
    "beforeTaskId",
    "name",
    "size",
    "contentType",
    "replaces",
  ];
  const queryKeys = [
    "cursor",
    "tag",
    "q",
    "trash",
    "permanent",
    "inline",
    "status",
    "due",
    "today",
    "limit",
  ];

  /** Values that pass some checks, so the input reaches deeper than the first refusal. */
  function plausible(ids: Fixture) {
    return fc.constantFrom<unknown>(
      ...ids.noteIds,
      ...ids.taskIds,
      1,
      2,
      true,
      "todo",
      "in-progress",
      "completed",
      "high",
      "text/plain",
      "image/svg+xml",
      "2026-01-01",
      "file.txt",
      ["a", "b"],
      "1",
    );
  }

  const cursorKinds = [
    "notes:live",
    "notes:trash",
    "notes:search",
    "notes:search-trash",
    "tasks:live",
    "tasks:trash",
    "tasks:column",
    "tasks:week",
    "tasks:overdue",
  ];

  /** A cursor that decodes (base64url JSON) and names the caller, with hostile key values. */
  function forgedCursor(userId: string) {
    const attribute = fc.oneof(shortString, fc.constantFrom("é".repeat(1024), "x".repeat(1024)));
    return fc
      .record({
        userId: fc.constantFrom(userId, `${userId}#todo`),
        noteId: attribute,
        listKey: attribute,
        taskId: attribute,
        statusKey: fc.constantFrom(`${userId}#todo`, `${userId}#completed`),
        position: attribute,
        dueKey: attribute,
      })
      .chain((key) =>
        fc
          .tuple(fc.subarray(Object.keys(key), { minLength: 1 }), fc.constantFrom(...cursorKinds))
          .map(([names, kind]) =>
            Buffer.from(
              JSON.stringify({
                kind,
                key: Object.fromEntries(names.map((name) => [name, key[name as keyof typeof key]])),
              }),
            ).toString("base64url"),
          ),
      );
  }

  it("answers only 2xx, or 4xx with a message, and changes nothing when it refuses", async () => {
    const ids = fixture;
    const idArbitrary = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ids.noteIds, ...ids.taskIds) },
      fc.ulid(),
      shortString,
    );
    const value = fc.oneof(
      { weight: 3, arbitrary: scalar },
      { weight: 2, arbitrary: plausible(ids) },
      fc.array(fc.oneof(shortString, plausible(ids)), { maxLength: 25 }),
      fc.object({ maxDepth: 1 }),
    );
    const [liveNote] = ids.noteIds as [string, string];
    const [todoTask, doingTask] = ids.taskIds as [string, string, string];
    const upload = { name: "f.txt", size: 10, contentType: "text/plain" };
    const task = {
      description: "d",
      details: "x",
      status: "in-progress",
      priority: "low",
      dueDate: "2026-01-01",
      noteId: liveNote,
    };
    /** A valid body per route, so a mutation of one or two fields reaches past the schema. */
    const templates: Record<string, Record<string, unknown>> = {
      "POST /app/api/notes/route.ts": { title: "t", content: "c", pinned: false, tags: ["a"] },
      "PATCH /app/api/notes/[noteId]/route.ts": { version: 1, title: "t", content: "c", tags: [] },
      "DELETE /app/api/notes/[noteId]/route.ts": { version: 1 },
      "POST /app/api/notes/[noteId]/attachments/route.ts": upload,
      "POST /app/api/notes/[noteId]/attachments/[attachmentId]/route.ts": {
        ...upload,
        replaces: ids.attachmentIds[0],
      },
      "POST /app/api/tasks/route.ts": task,
      "PATCH /app/api/tasks/[taskId]/route.ts": { version: 1, ...task },
      "POST /app/api/tasks/[taskId]/move/route.ts": {
        status: "todo",
        afterTaskId: todoTask,
        beforeTaskId: doingTask,
      },
    };
    const bodyFor = (name: string) => {
      const template = templates[name] ?? {};
      const fields = Object.keys(template);
      const mutated = fc
        .tuple(
          fc.subarray(fields),
          fc.array(fc.tuple(fc.constantFrom(...fields, ...prototypeKeys), value), {
            maxLength: 2,
          }),
        )
        .map(([kept, overrides]) => {
          const entries: [string, unknown][] = [
            ...kept.map((field): [string, unknown] => [field, template[field]]),
            ...overrides,
          ];
          return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${JSON.stringify(item) ?? "null"}`).join(",")}}`;
        });
      return fc.oneof(
        { weight: 8, arbitrary: mutated },
        { weight: 2, arbitrary: objectText(bodyKeys, value) },
        fc.jsonValue({ maxDepth: 2 }).map((json) => JSON.stringify(json)),
        fc.constantFrom(
          "",
          "{",
          "null",
          "[]",
          '"x"',
          "1e999",
          `{"a":${"[".repeat(5000)}`,
          "\u0000",
        ),
      );
    };
    const query = fc.oneof(
      { weight: 2, arbitrary: fc.constant("") },
      fc
        .array(
          fc.tuple(
            fc.constantFrom(...queryKeys, ...prototypeKeys),
            fc.oneof(shortString, plausible(ids).map(String), forgedCursor(mallory.userId)),
          ),
          { maxLength: 3 },
        )
        .map((entries) => {
          const search = new URLSearchParams(entries).toString();
          return search ? `?${search}` : "";
        }),
    );
    const attachmentIdArbitrary = fc.oneof(
      fc.constantFrom(...ids.attachmentIds),
      fc.ulid(),
      shortString,
    );
    /** Exactly the params the route's path names (Next never passes others). */
    const paramsFor = (path: string) =>
      fc.record({
        ...(path.includes("[noteId]") && { noteId: idArbitrary }),
        ...(path.includes("[taskId]") && { taskId: idArbitrary }),
        ...(path.includes("[attachmentId]") && { attachmentId: attachmentIdArbitrary }),
      }) as fc.Arbitrary<Record<string, string>>;

    const failures: string[] = [];
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.record({ params: paramsFor(route.path), query, body: bodyFor(route.name) }),
          async (input) => {
            session.user = mallory;
            const result = await call(route.handler, route.method, input);
            const label = `${route.name} ${JSON.stringify(input).slice(0, 300)} -> ${result.status} ${result.text.slice(0, 200)}`;
            if (result.status >= 500) failures.push(label);
            expect(result.status, label).toBeLessThan(500);
            const after = await snapshotUser(cloud.database, cloud.storage, mallory.userId);
            if (result.status >= 400) {
              const error = result.body.error as { message?: unknown } | undefined;
              expect(typeof error?.message, label).toBe("string");
              expect(String(error?.message), label).not.toBe("");
              expect(after, label).toEqual(state);
            }
            state = after;
          },
        ),
        { numRuns: 30, seed },
      );
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
