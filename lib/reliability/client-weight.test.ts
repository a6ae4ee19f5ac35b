import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * What every page's first load pulls in: the static import closure of each "use client" module
 * (`import type` and dynamic `import()` do not count; a "use server" module reaches the browser
 * only as a reference). Heavy libraries must stay out of it (issue 13, weight): zod (full, and
 * zod/mini too: answers are checked with schemas loaded on first use, lib/api/answers.ts), the
 * MQTT client, the markdown renderer, the search engine and the passkey client load lazily; the
 * password estimator never reaches the browser. Measured by bench section 4 (bench/web.ts): notes list and board within the bare
 * Next page + 60 KB gzip.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
const forbidden = [
  "zod",
  "mqtt",
  "react-markdown",
  "remark-gfm",
  "rehype-sanitize",
  "node-diff3",
  "minisearch",
  "@simplewebauthn/browser",
  "@zxcvbn-ts/core",
];
/** Client modules only ever loaded with import(): they may use what the others must not. */
const lazyOnly = ["components/notes/markdown-view.tsx"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function resolveLocal(specifier: string, from: string): string | undefined {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Static, value-level import specifiers of a module's source. */
function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']/gms;
  for (const match of source.matchAll(statement)) {
    if (match[2]) continue; // import type / export type
    const clause = match[3] ?? "";
    // `import { type A, type B } from` brings nothing at run time.
    const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    if (names?.split(",").every((name) => !name.trim() || name.trim().startsWith("type ")))
      continue;
    specifiers.push(match[4] as string);
  }
  for (const match of source.matchAll(/^\s*import\s+["']([^"']+)["']/gm))
    specifiers.push(match[1] as string);
  return specifiers;
}

function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

/** Every forbidden package the module reaches statically, with the import chain to it. */
function heavyImports(entry: string, banned = forbidden, allowMini = true): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    if (chain.length > 0 && lazyOnly.includes(path.relative(root, file))) {
      found.push(
        [path.relative(root, entry), ...chain, "(a lazy-only module, imported statically)"].join(
          " → ",
        ),
      );
      return;
    }
    seen.add(file);
    const source = readFileSync(file, "utf8");
    if (chain.length > 0 && /^["']use server["']/.test(source.trimStart())) return;
    for (const specifier of staticImports(source)) {
      if (specifier.startsWith("@/") || specifier.startsWith(".")) {
        const next = resolveLocal(specifier, file);
        if (next) walk(next, [...chain, path.relative(root, next)]);
      } else if (banned.includes(specifier) || banned.includes(packageOf(specifier))) {
        // zod/mini is the light build client code uses; full zod is "zod" itself.
        if (allowMini && specifier === "zod/mini") continue;
        found.push([path.relative(root, entry), ...chain, specifier].join(" → "));
      }
    }
  };
  walk(entry, []);
  return found;
}

describe("client bundles", () => {
  const entries = ["app", "components", "lib"]
    .flatMap((dir) => sourceFiles(path.join(root, dir)))
    .filter((file) => /^["']use client["']/.test(readFileSync(file, "utf8").trimStart()))
    .filter((file) => !lazyOnly.includes(path.relative(root, file)));

  it("finds the client modules", () => {
    expect(entries.length).toBeGreaterThan(20);
  });

  it("load no full zod, MQTT, markdown or merge library on first load", () => {
    expect(entries.flatMap((entry) => heavyImports(entry))).toEqual([]);
  });

  // Not even zod/mini at first load: its core is ~23 KB gzip in every signed-in page. Schemas
  // that check answers and stored records are built in the async paths that parse (imported
  // with import()), so every boundary is still checked, only later.
  it("load no zod at all on first load, not even zod/mini", () => {
    expect(entries.flatMap((entry) => heavyImports(entry, ["zod"], false))).toEqual([]);
  });

  it("finds the lazy-only modules, each loaded with import() somewhere", () => {
    for (const module of lazyOnly) {
      const specifier = `@/${module.replace(/\.tsx?$/, "")}`;
      const importers = ["app", "components", "lib"]
        .flatMap((dir) => sourceFiles(path.join(root, dir)))
        .filter((file) => readFileSync(file, "utf8").includes(`import("${specifier}")`));
      expect(importers, module).not.toEqual([]);
    }
  });

  // The task labels are drawn at first paint: not even zod/mini there (lib/tasks/view.ts once
  // carried the list's query schema, and with it zod's date formats).
  it("draws the task labels without any zod", () => {
    const firstPaint = ["lib/tasks/view.ts"];
    expect(
      firstPaint.flatMap((file) => heavyImports(path.join(root, file), ["zod"], false)),
    ).toEqual([]);
  });
});
