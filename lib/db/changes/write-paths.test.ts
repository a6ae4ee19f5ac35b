/**
 * The change feed is only complete if every write to a note or task goes through `writeRecord`
 * (lib/db/records.ts), which appends the change in the same transaction. This guard reads the
 * source: a module that names the Notes or Tasks table may not also send writes of its own,
 * except account deletion's purge (nothing is left to sync to).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const purges = ["lib/db/notes/purge.ts", "lib/db/tasks/purge.ts"];
const writes =
  /\b(PutCommand|UpdateCommand|DeleteCommand|TransactWriteCommand|BatchWriteCommand|PutItemCommand|UpdateItemCommand|DeleteItemCommand|TransactWriteItemsCommand|BatchWriteItemCommand|deleteKeys|transact)\b(?!")/;

function sources(directory: string): string[] {
  return readdirSync(path.join(root, directory), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe("every note and task write goes through writeRecord", () => {
  it("no module that names the Notes or Tasks table sends a write itself", () => {
    const offenders = [...sources("lib"), ...sources("app")].filter((file) => {
      const text = readFileSync(path.join(root, file), "utf8");
      return /tables\.(Notes|Tasks)\b/.test(text) && writes.test(text) && !purges.includes(file);
    });
    expect(offenders).toEqual([]);
  });

  it("the repositories' write modules do write, through writeRecord", () => {
    for (const file of ["lib/db/notes/writes.ts", "lib/db/tasks/writes.ts"]) {
      expect(readFileSync(path.join(root, file), "utf8")).toMatch(/\bwriteRecord\(/);
    }
  });
});
