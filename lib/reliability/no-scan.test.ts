/**
 * House rule: no Scan on a request path (a Scan reads every person's data). Scans belong to
 * one-off data migrations (lib/db/migrations, run by the local cloud's bootstrap or a script)
 * and to tests; this guard reads the source so a Scan cannot slip into a repository.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const scanAllowed = ["lib/db/migrations/", "lib/testing/"];
/** The only modules the app's code may reach a migration from. */
const migrationCallers = ["lib/db/bootstrap.ts"];

function sources(directory: string): string[] {
  return readdirSync(path.join(root, directory), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

const appSources = ["lib", "app", "components"].flatMap(sources);

describe("no Scan on a request path", () => {
  it("sends Scans only from data migrations and test helpers", () => {
    const offenders = appSources.filter(
      (file) =>
        /\b(ScanCommand|paginateScan)\b/.test(readFileSync(path.join(root, file), "utf8")) &&
        !scanAllowed.some((allowed) => file.startsWith(allowed)),
    );
    expect(offenders).toEqual([]);
  });

  it("reaches the migrations only from the local cloud's bootstrap", () => {
    const importers = appSources.filter(
      (file) =>
        !file.startsWith("lib/db/migrations/") &&
        readFileSync(path.join(root, file), "utf8").includes("@/lib/db/migrations/"),
    );
    expect(importers).toEqual(migrationCallers);
  });
});
