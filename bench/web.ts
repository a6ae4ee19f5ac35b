/**
 * Benchmark 4: Lighthouse 13 (mobile) for the landing page, sign-in, the notes list and the board,
 * and the gzip JavaScript each page loads, beside a bare Next.js page (one page, one client
 * component) built and served in the same run: the framework's floor.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type AppUnderTest, freePort, startServer } from "./lib/app";
import { checkGoal } from "./lib/goals";
import { fixed, log, ratio, table } from "./lib/report";

const root = path.resolve(import.meta.dirname, "..");
const work = path.join(root, "bench", ".work");
const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";

function run(
  command: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const [executable, ...args] = command as [string, ...string[]];
    const child = spawn(executable, args, {
      cwd,
      env: { ...process.env, CHROME_PATH: chrome, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-6_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** One page, one client component: what any Next.js app ships at least. */
function writeBareApp(dir: string) {
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(
    path.join(dir, "app", "layout.jsx"),
    `export const metadata = { title: "Bare", description: "The framework floor" };\nexport default function Layout({ children }) {\n  return (<html lang="en"><body>{children}</body></html>);\n}\n`,
  );
  writeFileSync(
    path.join(dir, "app", "counter.jsx"),
    `"use client";\nimport { useState } from "react";\nexport function Counter() {\n  const [count, setCount] = useState(0);\n  return (<button type="button" onClick={() => setCount(count + 1)}>Clicked {count} times</button>);\n}\n`,
  );
  writeFileSync(
    path.join(dir, "app", "page.jsx"),
    `import { Counter } from "./counter";\nexport default function Page() {\n  return (<main><h1>Bare page</h1><Counter /></main>);\n}\n`,
  );
}

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  details?: {
    items?: {
      resourceType?: string;
      transferSize?: number;
      url?: string;
      node?: { snippet?: string };
      sourceLocation?: { url?: string };
      description?: string;
    }[];
  };
}

interface LighthouseResult {
  finalDisplayedUrl?: string;
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
  runtimeError?: { message: string };
}

async function lighthouse(url: string, name: string, cookie?: string): Promise<LighthouseResult> {
  const output = path.join(work, `lighthouse-${name}.json`);
  const args = [
    process.execPath,
    path.join(root, "node_modules/lighthouse/cli/index.js"),
    url,
    "--quiet",
    "--output=json",
    `--output-path=${output}`,
    "--only-categories=performance,accessibility,best-practices",
    "--chrome-flags=--headless=new --no-sandbox",
    "--max-wait-for-load=30000",
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  const result = await run(args, root, 150_000);
  if (result.code !== 0) throw new Error(`lighthouse ${name} failed: ${result.output}`);
  return JSON.parse(readFileSync(output, "utf8")) as LighthouseResult;
}

/**
 * Lighthouse runs per page (BENCH_LIGHTHOUSE_RUNS, default 3); the run of median performance is
 * kept and every run's score is reported. One run is not a figure on this 2-core machine: the
 * same build of the board scored 75 to 95 in five runs, as the server and the browser share it.
 */
const lighthouseRuns = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3) || 1);
/** Every run's performance score, by page, as measured (for the report). */
const performanceRuns = new Map<string, number[]>();

async function medianLighthouse(
  url: string,
  name: string,
  cookie?: string,
): Promise<LighthouseResult> {
  const results: LighthouseResult[] = [];
  for (let run = 0; run < lighthouseRuns; run++)
    results.push(await lighthouse(url, run === 0 ? name : `${name}-${run + 1}`, cookie));
  results.sort((a, b) => score(a, "performance") - score(b, "performance"));
  performanceRuns.set(
    name,
    results.map((result) => score(result, "performance")),
  );
  if (results.length > 1)
    log(
      `web: ${name} performance ${results.map((result) => score(result, "performance")).join(", ")}`,
    );
  return results[Math.floor((results.length - 1) / 2)] as LighthouseResult;
}

function score(result: LighthouseResult, category: string): number {
  return Math.round((result.categories[category]?.score ?? 0) * 100);
}

/** When the page's load event fired (ms from navigation start), as Lighthouse observed it. */
function loadEventAt(result: LighthouseResult): number | undefined {
  return (result.audits.metrics?.details?.items?.[0] as { observedLoad?: number } | undefined)
    ?.observedLoad;
}

/**
 * Script bytes (transfer size) the page asked for up to its load event (its first load: what
 * the goal counts, since the issue has what first paint does not need load lazily) and after
 * it, within Lighthouse's window (its lazy chunks, and Next's prefetch of the JavaScript of the
 * routes its links point to).
 */
function scriptBytes(result: LighthouseResult): { firstLoad: number; afterLoad: number } {
  const load = loadEventAt(result) ?? Number.POSITIVE_INFINITY;
  const items = (result.audits["network-requests"]?.details?.items ?? []).filter(
    (item) => item.resourceType === "Script",
  ) as { transferSize?: number; networkRequestTime?: number }[];
  const sum = (late: boolean) =>
    items
      .filter((item) => (item.networkRequestTime ?? 0) > load === late)
      .reduce((total, item) => total + (item.transferSize ?? 0), 0);
  return { firstLoad: sum(false), afterLoad: sum(true) };
}

/** The audits that cost points in a category, worst first. */
function misses(result: LighthouseResult, category: string): string[] {
  const refs = result.categories[category]?.auditRefs ?? [];
  return refs
    .map((ref) => ({ ref, audit: result.audits[ref.id] }))
    .filter(
      ({ ref, audit }) =>
        audit &&
        audit.score !== null &&
        audit.score < 1 &&
        (ref.weight > 0 || audit.scoreDisplayMode === "metricSavings"),
    )
    .sort((a, b) => (a.audit?.score ?? 0) - (b.audit?.score ?? 0))
    .slice(0, 6)
    .map(({ audit }) => {
      // The first offending element or resource, when the audit names one.
      const item = audit?.details?.items?.[0];
      const where = item?.node?.snippet ?? item?.sourceLocation?.url ?? item?.url;
      const detail = where
        ? ` — e.g. \`${where.slice(0, 120)}\`${item?.description ? ` (${item.description.slice(0, 100)})` : ""}`
        : "";
      return `${audit?.title}${audit?.displayValue ? ` (${audit.displayValue})` : ""} [score ${fixed(audit?.score ?? 0, 2)}]${detail}`;
    });
}

/** Where the main thread went: the costliest scripts (and the document's own inline work). */
function mainThread(result: LighthouseResult): string {
  const items = (result.audits["bootup-time"]?.details?.items ?? []) as {
    url?: string;
    total?: number;
  }[];
  const top = items
    .slice(0, 3)
    .map((item) => `${item.url?.split("/").at(-1) || "?"} ${fixed((item.total ?? 0) / 1000, 2)} s`);
  const document = (result.audits["network-requests"]?.details?.items ?? []).find(
    (item) => item.resourceType === "Document",
  ) as { resourceSize?: number } | undefined;
  return `main thread by script: ${top.join(", ")}; HTML ${fixed((document?.resourceSize ?? 0) / 1024)} KB`;
}

/** What a signed-in page may load beyond the bare page (issue 13), in KB gzip. */
const jsAllowanceKb = 60;

/**
 * The page's largest scripts, what it fetched after its load event (lazy chunks, and Next's
 * prefetch of the routes its links point to: JavaScript of other pages, counted here too), and
 * Lighthouse's unused-JavaScript estimate: where the bytes are.
 */
function scriptWhy(result: LighthouseResult): string {
  const all = (result.audits["network-requests"]?.details?.items ?? []).filter(
    (item) => item.resourceType === "Script",
  ) as { url?: string; transferSize?: number; networkRequestTime?: number }[];
  const scripts = [...all]
    .sort((a, b) => (b.transferSize ?? 0) - (a.transferSize ?? 0))
    .slice(0, 4)
    .map((item) => `${item.url?.split("/").at(-1)} ${fixed((item.transferSize ?? 0) / 1024)} KB`);
  const load = loadEventAt(result);
  const late =
    load === undefined ? [] : all.filter((item) => (item.networkRequestTime ?? 0) > load);
  const lateKb = late.reduce((sum, item) => sum + (item.transferSize ?? 0), 0) / 1024;
  const unused = result.audits["unused-javascript"]?.displayValue;
  return [
    `largest scripts ${scripts.join(", ")}`,
    late.length > 0
      ? `${fixed(lateKb)} KB in ${late.length} scripts fetched after the load event (${late.map((item) => item.url?.split("/").at(-1)).join(", ")})`
      : "",
    unused ? `unused JavaScript at load: ${unused}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

const targets = { performance: 95, accessibility: 100, "best-practices": 100 } as const;

export async function runWebBench(app: AppUnderTest, cookie: string): Promise<string> {
  // The framework floor, built and served in this run.
  const bareDir = path.join(work, "bare");
  writeBareApp(bareDir);
  log("web: building the bare Next.js page");
  const next = path.join(root, "node_modules/.bin/next");
  const build = await run([next, "build", bareDir], root, 300_000);
  if (build.code !== 0) throw new Error(`bare build failed: ${build.output}`);
  const barePort = await freePort();
  const bare = await startServer(
    [next, "start", bareDir, "--port", String(barePort), "--hostname", "127.0.0.1"],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      url: `http://127.0.0.1:${barePort}`,
      readyPath: "/",
      timeoutMs: 60_000,
    },
  );

  const pages = [
    { name: "landing", path: "/", signedIn: false },
    { name: "sign-in", path: "/signin", signedIn: false },
    { name: "notes list", path: "/notes", signedIn: true },
    { name: "board", path: "/tasks/board", signedIn: true },
  ];
  const rows: unknown[][] = [];
  const notes: string[] = [];
  let bareBytes = Number.NaN;
  try {
    log("web: lighthouse on the bare page");
    const floor = await medianLighthouse(`${bare.url}/`, "bare");
    const bareScripts = scriptBytes(floor);
    bareBytes = bareScripts.firstLoad;
    rows.push([
      "bare Next.js page (floor)",
      score(floor, "performance"),
      (performanceRuns.get("bare") ?? []).join(", "),
      score(floor, "accessibility"),
      score(floor, "best-practices"),
      fixed(bareBytes / 1024),
      fixed(bareScripts.afterLoad / 1024),
      "1.00×",
    ]);
    for (const [category, target] of Object.entries(targets)) {
      if (score(floor, category) < target)
        notes.push(
          `- The floor itself: bare page ${category} ${score(floor, category)} (${misses(floor, category).join("; ")}).`,
        );
    }
    for (const page of pages) {
      const url = `${app.url}${page.path}`;
      const probe = await fetch(url, {
        redirect: "manual",
        headers: page.signedIn ? { cookie } : {},
      });
      if (probe.status === 404) {
        rows.push([page.name, "missing (404)", "—", "—", "—", "—", "—", "—"]);
        checkGoal({
          what: `${page.name}: performance`,
          measured: undefined,
          comparison: "≥",
          target: targets.performance,
          why: `${page.path} does not exist on this branch (404)`,
        });
        continue;
      }
      log(`web: lighthouse on ${page.path}`);
      const result = await medianLighthouse(
        url,
        page.name.replace(/\W+/g, "-"),
        page.signedIn ? cookie : undefined,
      );
      const scripts = scriptBytes(result);
      const bytes = scripts.firstLoad;
      const landed = new URL(result.finalDisplayedUrl ?? url).pathname;
      if (landed !== page.path) {
        notes.push(
          `- **${page.name}**: Lighthouse ended on ${landed}, not ${page.path} (not signed in?).`,
        );
      }
      const scores = {
        performance: score(result, "performance"),
        accessibility: score(result, "accessibility"),
        "best-practices": score(result, "best-practices"),
      };
      rows.push([
        `${page.name} (${page.path})`,
        scores.performance,
        (performanceRuns.get(page.name.replace(/\W+/g, "-")) ?? []).join(", "),
        scores.accessibility,
        scores["best-practices"],
        fixed(bytes / 1024),
        fixed(scripts.afterLoad / 1024),
        ratio(bytes, bareBytes),
      ]);
      for (const [category, target] of Object.entries(targets)) {
        checkGoal({
          what: `${page.name}: Lighthouse ${category}`,
          measured: scores[category as keyof typeof scores],
          comparison: "≥",
          target,
          why:
            [
              misses(result, category).join("; "),
              category === "performance" ? mainThread(result) : "",
            ]
              .filter(Boolean)
              .join("; ") || "no single failing audit reported",
        });
      }
      // Issue 13: a signed-in page's JavaScript stays within the bare page's + 60 KB gzip.
      if (page.signedIn)
        checkGoal({
          what: `${page.name}: first-load JavaScript (bare page + ${jsAllowanceKb} KB)`,
          measured: Number(fixed(bytes / 1024)),
          comparison: "≤",
          target: Number(fixed(bareBytes / 1024 + jsAllowanceKb)),
          unit: "KB gzip",
          why: scriptWhy(result),
        });
    }
  } finally {
    await bare.stop();
  }
  return [
    "### 4. Web: Lighthouse 13.5.0 (mobile, simulated throttling) and gzip JavaScript per page",
    "",
    `Chromium ${chrome} with --headless=new --no-sandbox; the production build; signed-in pages with the seeded user's session cookie (the notes list shows the first page of 2,000 notes). JS = transfer size of the scripts (Next compresses with gzip): "first load" is every script the page asked for up to its load event, which the goal counts (the issue has whatever first paint does not need load lazily); "after load" is what it fetched later within Lighthouse's window: its lazy chunks and Next's prefetch of the JavaScript of the routes its links point to. Floor: a bare Next.js 16 page with one client component, built and served in this run. Targets: performance 95+, accessibility 100, best practices 100.${lighthouseRuns > 1 ? ` Each page measured ${lighthouseRuns} times; the run with the median performance score is shown, beside every run's score.` : ""}`,
    "",
    table(
      [
        "page",
        "performance",
        "performance, every run",
        "accessibility",
        "best practices",
        "JS KB (gzip), first load",
        "JS KB after load",
        "first load vs bare",
      ],
      rows,
    ),
    "",
    ...notes,
    "",
  ].join("\n");
}
