/**
 * The snapshot's pages on DynamoDB Local: the streamed JSON is the page, within its byte cap,
 * and the pages together hold every record of the library exactly once, whether a page ends
 * at a Query's end or is cut at the cap in the middle of one.
 */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { createNote } from "@/lib/db/notes-repository";
import { createTask } from "@/lib/db/tasks-repository";
import { createUser } from "@/lib/db/users-repository";
import type { SnapshotPosition } from "@/lib/sync/cursor";
import { type SnapshotLimits, snapshotPage, snapshotStream } from "@/lib/sync/snapshot";
import type { SnapshotPage } from "@/lib/sync/types";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;
let userId: string;
const noteIds: string[] = [];
const taskIds: string[] = [];

beforeAll(async () => {
  cloud = await createTestCloud();
  const db = cloud.database;
  ({ userId } = await createUser(db, {
    email: `snap-${ulid()}@example.test`,
    displayName: "",
    passwordHash: "h",
  }));
  for (let index = 0; index < 40; index++) {
    const content = `${index} é ${"words ".repeat(100 + index * 20)}`;
    const { note } = await createNote(db, userId, {
      title: `n${index}`,
      content,
      pinned: false,
      tags: [],
    });
    noteIds.push(note.noteId);
  }
  for (let index = 0; index < 15; index++) {
    taskIds.push((await createTask(db, userId, { description: `t${index}` })).task.taskId);
  }
}, 120_000);

const decode = (page: string) =>
  JSON.parse(Buffer.from(page, "base64url").toString("utf8")) as SnapshotPosition;

async function streamedPages(limits: SnapshotLimits) {
  const pages: { bytes: number; page: SnapshotPage }[] = [];
  let position: SnapshotPosition | undefined;
  do {
    const text = await new Response(
      await snapshotStream(cloud.database, userId, position, new Date(), limits),
    ).text();
    const page = JSON.parse(text) as SnapshotPage;
    pages.push({ bytes: Buffer.byteLength(text), page });
    position = page.page === null ? undefined : decode(page.page);
    if (pages.length > 200) throw new Error("the snapshot never ended");
  } while (position);
  return pages;
}

describe("snapshot pages", () => {
  it.each([
    [
      "pages that end where a Query ends",
      { pageBytes: 30_000, queryBytes: 12_000, queryRecords: 3 },
    ],
    ["pages cut at the cap inside a Query", { pageBytes: 20_000, queryBytes: 1_100_000 }],
  ])("%s: within the cap, every record once", async (_, limits) => {
    const pages = await streamedPages(limits);
    expect(pages.length).toBeGreaterThan(2);
    for (const { bytes } of pages) expect(bytes).toBeLessThanOrEqual(limits.pageBytes);
    const notes = pages.flatMap(({ page }) => page.notes.map((note) => note.noteId));
    const tasks = pages.flatMap(({ page }) => page.tasks.map((task) => task.taskId));
    expect(notes).toEqual([...noteIds].sort());
    expect(tasks).toEqual([...taskIds].sort());
    const first = pages[0]?.page as SnapshotPage;
    for (const { page } of pages) {
      expect(page.cursor).toBe(first.cursor);
      expect(page.total).toBe(55);
    }
  });

  it("the streamed JSON is the page, record for record", async () => {
    const limits = { pageBytes: 30_000, queryBytes: 12_000, queryRecords: 3 };
    const now = new Date();
    const text = await new Response(
      await snapshotStream(cloud.database, userId, undefined, now, limits),
    ).text();
    expect(JSON.parse(text)).toEqual(
      await snapshotPage(cloud.database, userId, undefined, now, limits),
    );
  });
});
