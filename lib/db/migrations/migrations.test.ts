import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTables, migrationMarkerKey } from "@/lib/db/bootstrap";
import { dropSearchText } from "@/lib/db/migrations/drop-search-text";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await createTestCloud();
});

/** A note item as the app wrote it before issue 14: the body twice, once lower-cased. */
function oldShapedNote(userId: string, content: string) {
  const noteId = ulid();
  const at = new Date().toISOString();
  return {
    userId,
    noteId,
    title: "Old Title",
    content,
    pinned: false,
    tags: new Set(["work"]),
    attachments: [],
    attachmentCount: 0,
    attachmentsRevision: 0,
    createdAt: at,
    updatedAt: at,
    version: 3,
    listKey: `live#0#${at}#${noteId}`,
    excerpt: content.slice(0, 200),
    searchText: `old title\n${content.toLowerCase()}\nwork`,
  };
}

async function put(item: Record<string, unknown>) {
  await cloud.database.client.send(
    new PutCommand({ TableName: cloud.database.tables.Notes, Item: item }),
  );
}

async function stored(item: { userId: string; noteId: string }) {
  const { Item } = await cloud.database.client.send(
    new GetCommand({
      TableName: cloud.database.tables.Notes,
      Key: { userId: item.userId, noteId: item.noteId },
    }),
  );
  return Item;
}

describe("dropping the searchText copy from existing note items", () => {
  it("removes searchText from every note that has it and leaves the rest untouched", async () => {
    const { searchText: _, ...expected } = oldShapedNote(ulid(), "");
    const old = [ulid(), ulid()].flatMap((userId) =>
      Array.from({ length: 30 }, (_, index) => oldShapedNote(userId, `Body ${index} ÉTÉ`)),
    );
    for (const item of old) await put(item);
    const current = { ...expected, noteId: ulid(), content: "already once" };
    await put(current);

    const outcome = await dropSearchText(cloud.database.client, cloud.database.tables.Notes);
    expect(outcome.updated).toBe(60);
    for (const item of old) {
      const { searchText: __, ...rest } = item;
      expect(await stored(item)).toEqual(rest);
    }
    expect(await stored(current)).toEqual(current);
    // A second pass finds nothing left to do.
    expect((await dropSearchText(cloud.database.client, cloud.database.tables.Notes)).updated).toBe(
      0,
    );
  });

  it("runs once at bootstrap, guarded by a marker item in the Users table", async () => {
    const { client, tables } = cloud.database;
    const marker = { TableName: tables.Users, Key: migrationMarkerKey("notes-drop-search-text") };
    // Fresh tables need no migration: the marker is written at creation.
    expect((await client.send(new GetCommand(marker))).Item).toMatchObject({ kind: "migration" });

    // Data from before the migration existed (a developer's persisted local tables).
    await client.send(new DeleteCommand(marker));
    const before = oldShapedNote(ulid(), "Persisted body");
    await put(before);
    await ensureTables(client, tables);
    const { searchText: _, ...migrated } = before;
    expect(await stored(before)).toEqual(migrated);
    expect((await client.send(new GetCommand(marker))).Item).toMatchObject({ kind: "migration" });

    // Once done, a later bootstrap does not scan again.
    const later = oldShapedNote(ulid(), "Written by an old server after the migration");
    await put(later);
    await ensureTables(client, tables);
    expect(await stored(later)).toHaveProperty("searchText");
  });
});
