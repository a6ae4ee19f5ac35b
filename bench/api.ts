/**
 * Benchmark 1: API throughput and latency of the production build (autocannon 9.0.0), beside the
 * floor: the same DynamoDB operations issued from this process through the repositories, at the
 * same concurrency, against the same DynamoDB Local.
 */
import autocannon from "autocannon";
import { ulid } from "ulid";
import { createDocumentClient } from "@/lib/db/client";
import { createNote, getNote, listNotes } from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import { createTask, moveTask } from "@/lib/db/tasks-repository";
import { createUser, getUser } from "@/lib/db/users-repository";
import { localResourceNames } from "@/lib/resources";
import { type TaskStatus, taskStatuses } from "@/lib/tasks/schemas";
import { type AppUnderTest, hashPassword, signIn } from "./lib/app";
import { bounded, fixed, log, percentile, ratio, table } from "./lib/report";

const noteBody =
  "# Groceries\n\n- [ ] milk\n- [ ] bread\n\nSome **markdown** text of a typical note, about three hundred bytes long, with a [link](https://example.com) and a little more prose to fill it out nicely.";

export interface Seeded {
  readonly db: Database;
  readonly userId: string;
  readonly email: string;
  readonly password: string;
  readonly cookie: string;
  readonly noteIds: string[];
  readonly taskIds: string[];
}

/** A user with 2,000 notes and 2,000 tasks, created through the repositories. */
export async function seedUser(app: AppUnderTest, notes = 2_000, tasks = 2_000): Promise<Seeded> {
  const db: Database = {
    client: createDocumentClient({ region: "us-east-1", endpoint: app.dynamoEndpoint }),
    tables: localResourceNames(app.tablePrefix, app.bucket).tables,
  };
  const email = `bench-${ulid().toLowerCase()}@example.test`;
  const password = `pw-${ulid()}`;
  const user = await createUser(db, {
    email,
    displayName: "Bench",
    passwordHash: await hashPassword(password),
  });
  const started = performance.now();
  const noteIds = await bounded(notes, 12, async (index) => {
    const { note } = await createNote(db, user.userId, {
      title: `Note ${index}`,
      content: noteBody,
      pinned: index % 50 === 0,
      tags: index % 3 === 0 ? ["home"] : ["work", "bench"],
    });
    return note.noteId;
  });
  const taskIds = await bounded(tasks, 12, async (index) => {
    const { task } = await createTask(db, user.userId, {
      description: `Task ${index}`,
      status: taskStatuses[index % 3],
    });
    return task.taskId;
  });
  log(
    `seeded ${notes} notes and ${tasks} tasks in ${fixed((performance.now() - started) / 1000)} s`,
  );
  const cookie = await signIn(app.url, email, password);
  return { db, userId: user.userId, email, password, cookie, noteIds, taskIds };
}

interface Measurement {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly requests: number;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/** `connections` workers calling `work` back to back for `seconds`. */
async function floor(
  connections: number,
  seconds: number,
  work: () => Promise<unknown>,
): Promise<Measurement> {
  const times: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      // Bounded in count as well as time.
      for (let index = 0; index < 100_000 && performance.now() < deadline; index++) {
        const begin = performance.now();
        try {
          await work();
        } catch {
          errors++;
        }
        times.push(performance.now() - begin);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    rps: times.length / elapsed,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    errors,
    requests: times.length,
  };
}

async function cannon(
  url: string,
  cookie: string,
  connections: number,
  seconds: number,
  setup: () => { method: string; path: string; body?: string },
): Promise<Measurement & { statuses: string }> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { cookie, "content-type": "application/json" },
    requests: [{ setupRequest: (request) => ({ ...request, ...setup() }) }],
  });
  const statuses = Object.entries(result.statusCodeStats)
    .map(([code, { count }]) => `${code}×${count}`)
    .join(" ");
  const total = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: total,
    statuses,
  };
}

export async function runApiBench(app: AppUnderTest, seeded: Seeded, seconds = 5): Promise<string> {
  const { db, userId, cookie, noteIds, taskIds } = seeded;
  const status = (): TaskStatus => pick(taskStatuses);
  const operations = [
    {
      name: "list notes (first page)",
      http: () => ({ method: "GET", path: "/api/notes" }),
      repo: () => listNotes(db, userId, { limit: 30 }),
    },
    {
      name: "open a note",
      http: () => ({ method: "GET", path: `/api/notes/${pick(noteIds)}` }),
      repo: () => getNote(db, userId, pick(noteIds)),
    },
    {
      name: "create a note",
      http: () => ({
        method: "POST",
        path: "/api/notes",
        body: JSON.stringify({ title: "Bench", content: noteBody, tags: ["bench"] }),
      }),
      repo: () =>
        createNote(db, userId, {
          title: "Bench",
          content: noteBody,
          pinned: false,
          tags: ["bench"],
        }),
    },
    {
      name: "move a task between columns",
      http: () => ({
        method: "POST",
        path: `/api/tasks/${pick(taskIds)}/move`,
        body: JSON.stringify({ status: status() }),
      }),
      repo: () => moveTask(db, userId, pick(taskIds), { status: status() }),
    },
  ];

  const rows: unknown[][] = [];
  for (const operation of operations) {
    // Warm the route (and the JIT) before measuring; not reported.
    await cannon(app.url, cookie, 4, 1, operation.http);
    for (const connections of [1, 32]) {
      log(`api: ${operation.name} at ${connections} connection(s)`);
      const http = await cannon(app.url, cookie, connections, seconds, operation.http);
      // The floor issues what the route issues: the session check reads the user, then the op.
      const repo = await floor(connections, seconds, async () => {
        await getUser(db, userId);
        await operation.repo();
      });
      rows.push([
        operation.name,
        connections,
        fixed(http.rps),
        fixed(http.p50),
        fixed(http.p99),
        `${http.errors} (${http.statuses})`,
        fixed(repo.rps),
        fixed(repo.p50),
        fixed(repo.p99),
        repo.errors,
        ratio(http.rps, repo.rps),
        ratio(http.p99, repo.p99),
      ]);
    }
  }
  return [
    "### 1. API throughput and latency: production build vs the DynamoDB floor",
    "",
    `A user with ${noteIds.length.toLocaleString("en")} notes and ${taskIds.length.toLocaleString("en")} tasks (seeded through the repositories). App: \`next start\` (production build) on the launcher's in-memory local cloud, driven by autocannon 9.0.0 for ${seconds} s per cell over loopback with the session cookie (after a 1 s warm-up). Floor: the same DynamoDB requests from this Node process through the repository functions with the same concurrency (the route's session check, \`getUser\`, plus the operation), for ${seconds} s. Errors: connection errors + timeouts + non-2xx (status counts in brackets). App, floor and load generator share the 2 cores, so absolute numbers are low; read the ratios.`,
    "",
    table(
      [
        "operation",
        "conns",
        "app req/s",
        "app p50 ms",
        "app p99 ms",
        "app errors",
        "floor req/s",
        "floor p50 ms",
        "floor p99 ms",
        "floor errors",
        "app/floor req/s",
        "app/floor p99",
      ],
      rows,
    ),
    "",
  ].join("\n");
}
