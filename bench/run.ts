/**
 * `npm run bench`: builds the app, starts the production build on an in-memory local cloud,
 * runs every benchmark in this folder against it (traffic to 127.0.0.1 only), prints the tables
 * and writes them to bench/RESULTS.md. Each part is bounded in count and time; a failing part is
 * reported in place and the others still run. BENCH_SKIP_BUILD=1 reuses an existing .next build;
 * BENCH_ONLY=web,sync (keys of the registry below) runs only those sections. Under each section:
 * its goals, met and missed, computed from its own figures (bench/lib/goals.ts).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Seeded } from "./api";
import { type AppUnderTest, startApp } from "./lib/app";
import { goalLines, withGoals } from "./lib/goals";
import { log } from "./lib/report";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
// One part's stray promise must not end the whole run (its section reports its own failure).
process.on("unhandledRejection", (reason) => {
  log(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
});

const root = path.resolve(import.meta.dirname, "..");
// The whole run must end: stop everything after this long, whatever is left.
// Seeding 10,000 notes through the app's write path (a feed transaction each) alone takes about
// 10 minutes: the sections together need about 40. BENCH_BUDGET_MINUTES overrides.
const budgetMs = Number(process.env.BENCH_BUDGET_MINUTES ?? 60) * 60_000;

/** What a section gets: the running app, and the 2,000-note user of sections 1, 4 and 5 (seeded once, on first use). */
interface BenchContext {
  readonly app: AppUnderTest;
  readonly user: () => Promise<Seeded>;
}
interface BenchSection {
  /** The name BENCH_ONLY takes. */
  readonly key: string;
  readonly title: string;
  readonly run: (context: BenchContext) => Promise<string>;
}

/**
 * Every section, in RESULTS.md's order. A new section is one line here; its goals are the
 * `checkGoal` calls it makes (bench/lib/goals.ts), printed under it as "what missed and why".
 */
const registry: readonly BenchSection[] = [
  {
    key: "api",
    title: "1. API throughput",
    run: async ({ app, user }) => (await import("./api")).runApiBench(app, await user()),
  },
  {
    key: "cost",
    title: "2-3. DynamoDB cost and scale",
    run: async ({ app }) => (await import("./cost")).runCostBench(app.dynamoEndpoint),
  },
  {
    key: "web",
    title: "4. Web (Lighthouse)",
    run: async ({ app, user }) => (await import("./web")).runWebBench(app, (await user()).cookie),
  },
  {
    key: "uploads",
    title: "5. Uploads",
    run: async ({ app, user }) =>
      (await import("./uploads")).runUploadBench(app, (await user()).cookie),
  },
  {
    key: "sync",
    title: "6. Local-first",
    run: async ({ app }) => (await import("./sync")).runSyncBench(app),
  },
  {
    key: "search",
    title: "7. Search",
    run: async ({ app }) => (await import("./search")).runSearchBench(app),
  },
];

const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const unknown = only?.filter((name) => !registry.some((section) => section.key === name));
if (unknown?.length) throw new Error(`BENCH_ONLY: unknown section(s) ${unknown.join(", ")}`);
const wanted = (key: string) => !only || only.includes(key);
/** Marks each section's block in RESULTS.md, so a partial run replaces only its own. */
const marker = (key: string) => `<!-- bench:${key} -->`;

function build(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log("build: reusing .next (BENCH_SKIP_BUILD=1)");
    return Promise.resolve();
  }
  log("build: npm run build");
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "build"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`build failed (${code})`)),
    );
  });
}

/** Runs one section; its text is followed by its goals, met and missed, computed from its figures. */
async function section(entry: BenchSection, context: BenchContext): Promise<string> {
  const started = performance.now();
  const { goals, result } = await withGoals(() => entry.run(context));
  const text =
    result.status === "fulfilled"
      ? result.value
      : `### ${entry.title}\n\n**Not measured: the benchmark failed:** ${
          result.reason instanceof Error
            ? result.reason.message.split("\n").slice(0, 5).join(" ")
            : String(result.reason)
        }\n`;
  log(
    `${entry.title}: ${result.status === "fulfilled" ? "done" : "FAILED"} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const summary = goalLines(goals);
  for (const line of summary) if (line) log(`  ${line}`);
  return [marker(entry.key), text.trimEnd(), "", ...summary, ""].join("\n");
}

/** The blocks of the previous RESULTS.md by section key (for a partial run to keep). */
function previousSections(file: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const text = readFileSync(file, "utf8");
  const marked = text.split(/^(?=<!-- bench:[\w-]+ -->)/m).slice(1);
  for (const block of marked) {
    const key = /^<!-- bench:([\w-]+) -->/.exec(block)?.[1];
    if (key) blocks.set(key, block.trimEnd());
  }
  if (marked.length > 0) return blocks;
  // A file from before the markers: its sections by heading number.
  const legacy: Record<string, string> = {
    1: "api",
    2: "cost",
    3: "cost",
    4: "web",
    5: "uploads",
    6: "sync",
  };
  for (const block of text.split(/^(?=### \d)/m).slice(1)) {
    const key = legacy[/^### (\d)/.exec(block)?.[1] ?? ""];
    if (key)
      blocks.set(key, [blocks.get(key), marker(key), block.trimEnd()].filter(Boolean).join("\n\n"));
  }
  return blocks;
}

interface RunHeader {
  readonly started: number;
  readonly loadAtStart: string | undefined;
  readonly machine: readonly string[];
}

/** Writes RESULTS.md from the sections finished so far (all of them, or those before the budget ran out). */
function writeResults(fresh: ReadonlyMap<string, string>, header: RunHeader, stoppedEarly = false) {
  const resultsPath = path.join(root, "bench", "RESULTS.md");
  // A partial run (BENCH_ONLY) replaces its own sections and keeps the others from the file.
  const kept = only && existsSync(resultsPath) ? previousSections(resultsPath) : new Map();
  const body = registry
    .map((entry) => fresh.get(entry.key) ?? kept.get(entry.key))
    .filter(Boolean)
    .join("\n\n");
  const partial = only
    ? [
        `- Partial run (BENCH_ONLY=${only.join(",")}): the other sections are kept from the previous run`,
      ]
    : [];
  const report = [
    "# Jotboard benchmarks",
    "",
    "Produced by `npm run bench` (bench/run.ts). Every comparison was measured side by side in this run; compare ratios across machines, not absolute numbers.",
    "",
    ...header.machine,
    `- Whole run: ${((Date.now() - header.started) / 60_000).toFixed(1)} min; load average (1 min) ${header.loadAtStart} at the start, ${os.loadavg()[0]?.toFixed(1)} at the end (the machine is shared: other work in the load average slows app and floor alike, so read the ratios)`,
    "",
    ...partial,
    ...(stoppedEarly
      ? [
          `- Stopped at the time budget (${budgetMs / 60_000} min): only the sections finished before it are fresh`,
        ]
      : []),
    "",
    body,
  ].join("\n");
  writeFileSync(resultsPath, report);
  process.stdout.write(`${report}\n`);
}

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]?.toFixed(1);
  const machine = [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.availableParallelism()} CPU (nproc), ${os.cpus()[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${os.platform()} ${os.release()}`,
    `- Node ${process.version}; DynamoDB Local and s3rver from the project's own launcher (in memory); load generator, app and local cloud share the machine`,
  ];
  await build();
  const header: RunHeader = { started, loadAtStart, machine };

  let app: AppUnderTest | undefined;
  const fresh = new Map<string, string>();
  const watchdog = setTimeout(() => {
    log("time budget exceeded: writing the finished sections and stopping");
    writeResults(fresh, header, true);
    void app?.stop().finally(() => process.exit(2));
  }, budgetMs);
  let seeded: Promise<Seeded> | undefined;
  try {
    app = await startApp();
    const running = app;
    const user = () => {
      if (!seeded) {
        log("seeding the benchmark user through the repositories");
        seeded = import("./api").then(({ seedUser }) => seedUser(running));
      }
      return seeded;
    };
    for (const entry of registry)
      if (wanted(entry.key)) fresh.set(entry.key, await section(entry, { app: running, user }));
  } finally {
    await seeded?.then((user) => user.db.client.destroy()).catch(() => undefined);
    await app?.stop();
    clearTimeout(watchdog);
  }
  writeResults(fresh, header);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
