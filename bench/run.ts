/**
 * `npm run bench`: builds the app, starts the production build on an in-memory local cloud,
 * runs every benchmark in this folder against it (traffic to 127.0.0.1 only), prints the tables
 * and writes them to bench/RESULTS.md. Each part is bounded in count and time; a failing part is
 * reported in place and the others still run. BENCH_SKIP_BUILD=1 reuses an existing .next build;
 * BENCH_ONLY=web,sync (any of cost, api, uploads, web, sync, search) runs only those sections.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AppUnderTest, startApp } from "./lib/app";
import { log } from "./lib/report";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
// One part's stray promise must not end the whole run (its section reports its own failure).
process.on("unhandledRejection", (reason) => {
  log(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
});

const root = path.resolve(import.meta.dirname, "..");
// The whole run must end: stop everything after this long, whatever is left.
const budgetMs = 25 * 60_000;

const allSections = ["cost", "api", "uploads", "web", "sync", "search"] as const;
type SectionName = (typeof allSections)[number];
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const unknown = only?.filter((name) => !allSections.includes(name as SectionName));
if (unknown?.length) throw new Error(`BENCH_ONLY: unknown section(s) ${unknown.join(", ")}`);
const wanted = (name: SectionName) => !only || only.includes(name);

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

async function section(name: string, work: () => Promise<string>): Promise<string> {
  const started = performance.now();
  try {
    const text = await work();
    log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return text;
  } catch (error) {
    log(`${name}: FAILED ${error instanceof Error ? error.message : String(error)}`);
    return `### ${name}\n\n**Not measured: the benchmark failed:** ${
      error instanceof Error ? error.message.split("\n").slice(0, 5).join(" ") : String(error)
    }\n`;
  }
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
  const { runCostBench } = await import("./cost");
  const { runApiBench, seedUser } = await import("./api");
  const { runUploadBench } = await import("./uploads");
  const { runWebBench } = await import("./web");
  const { runSyncBench } = await import("./sync");

  let app: AppUnderTest | undefined;
  const watchdog = setTimeout(() => {
    log("time budget exceeded: stopping");
    void app?.stop().finally(() => process.exit(2));
  }, budgetMs);
  const sections: string[] = [];
  try {
    app = await startApp();
    const running = app;
    if (wanted("cost"))
      sections.push(
        await section("2-3. DynamoDB cost and scale", () => runCostBench(running.dynamoEndpoint)),
      );
    // The 2,000-note user of sections 1, 4 and 5 (section 6 seeds its own people).
    const needsUser = wanted("api") || wanted("uploads") || wanted("web");
    if (needsUser) log("seeding the benchmark user through the repositories");
    const seeded = needsUser ? await seedUser(running) : undefined;
    if (seeded && wanted("api"))
      sections.push(await section("1. API throughput", () => runApiBench(running, seeded)));
    if (seeded && wanted("uploads"))
      sections.push(await section("5. Uploads", () => runUploadBench(running, seeded.cookie)));
    if (seeded && wanted("web"))
      sections.push(
        await section("4. Web (Lighthouse)", () => runWebBench(running, seeded.cookie)),
      );
    if (wanted("sync")) sections.push(await section("6. Local-first", () => runSyncBench(running)));
    if (wanted("search"))
      sections.push(
        await section("7. Search", async () => (await import("./search")).runSearchBench(running)),
      );
    seeded?.db.client.destroy();
  } finally {
    await app?.stop();
    clearTimeout(watchdog);
  }
  // Sections in the order (1-6), whatever order they ran in.
  const number = (text: string) => Number(/^### (\d)/.exec(text)?.[1] ?? 9);
  const resultsPath = path.join(root, "bench", "RESULTS.md");
  const owner: Record<number, SectionName> = {
    1: "api",
    2: "cost",
    3: "cost",
    4: "web",
    5: "uploads",
    6: "sync",
    7: "search",
  };
  // A partial run (BENCH_ONLY) replaces its own sections and keeps the others from the file.
  const kept =
    only && existsSync(resultsPath)
      ? (
          readFileSync(resultsPath, "utf8")
            .split(/^(?=### \d)/m)
            .slice(1) as string[]
        ).filter((old) => !wanted(owner[number(old)] ?? "sync"))
      : [];
  const body = [...sections, ...kept].sort((a, b) => number(a) - number(b)).join("\n");
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
    ...machine,
    `- Whole run: ${((Date.now() - started) / 60_000).toFixed(1)} min; load average (1 min) ${loadAtStart} at the start, ${os.loadavg()[0]?.toFixed(1)} at the end (the machine is shared: other work in the load average slows app and floor alike, so read the ratios)`,
    "",
    ...partial,
    "",
    body,
  ].join("\n");
  writeFileSync(resultsPath, report);
  process.stdout.write(`${report}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
