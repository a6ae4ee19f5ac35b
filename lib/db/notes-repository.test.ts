import { BatchWriteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createNote,
  deleteTrashedNote,
  getNote,
  listNotes,
  notesPerAccount,
  restoreNote,
  searchNotes,
  trashNote,
  updateNote,
} from "@/lib/db/notes-repository";
import { createUser } from "@/lib/db/users-repository";
import type { NoteCard } from "@/lib/notes/types";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await createTestCloud();
});

async function newUser() {
  const user = await createUser(cloud.database, {
    email: `notes-${ulid()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  return user.userId;
}

const blank = { title: "", content: "", pinned: false, tags: [] as string[] };

/**
 * Runs `read` with every request asking for its consumed capacity (DynamoDB Local reports it
 * too) and answers the capacity units the requests used.
 */
async function withReadCapacity<T>(read: () => Promise<T>) {
  const name = "consumedCapacity";
  let capacity = 0;
  cloud.database.client.middlewareStack.add(
    (next) => async (args) => {
      Object.assign(args.input as object, { ReturnConsumedCapacity: "TOTAL" });
      const response = await next(args);
      const output = response.output as { ConsumedCapacity?: { CapacityUnits?: number } };
      capacity += output.ConsumedCapacity?.CapacityUnits ?? 0;
      return response;
    },
    { step: "initialize", name },
  );
  try {
    return { result: await read(), capacity };
  } finally {
    cloud.database.client.middlewareStack.remove(name);
  }
}

/** The item as DynamoDB holds it, every attribute. */
async function storedItem(userId: string, noteId: string) {
  const { Item } = await cloud.database.client.send(
    new GetCommand({ TableName: cloud.database.tables.Notes, Key: { userId, noteId } }),
  );
  return Item;
}

async function counters(userId: string) {
  const { Item } = await cloud.database.client.send(
    new GetCommand({ TableName: cloud.database.tables.Users, Key: { userId } }),
  );
  return { notes: Item?.noteCount, trashed: Item?.trashedNoteCount };
}

async function allPages(
  userId: string,
  fetch: (cursor?: string) => Promise<{ items: readonly NoteCard[]; nextCursor?: string }>,
) {
  const seen: NoteCard[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(cursor);
    seen.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { seen, pages, userId };
}

describe("notes repository on DynamoDB Local", () => {
  it("creates, reads and counts a note; a retried create returns the same note", async () => {
    const userId = await newUser();
    const noteId = ulid();
    const first = await createNote(cloud.database, userId, {
      ...blank,
      noteId,
      title: "Hello",
      tags: ["b", "a"],
    });
    expect(first.created).toBe(true);
    expect(first.note).toMatchObject({
      noteId,
      title: "Hello",
      tags: ["a", "b"],
      version: 1,
      pinned: false,
    });
    const again = await createNote(cloud.database, userId, {
      ...blank,
      noteId,
      title: "Different",
    });
    expect(again).toEqual({ note: first.note, created: false });
    expect(await getNote(cloud.database, userId, noteId)).toEqual(first.note);
    expect(await counters(userId)).toEqual({ notes: 1, trashed: 0 });
  });

  it("stores the body once: an item written by the app has no searchText copy", async () => {
    const userId = await newUser();
    const content = "Body with CAPITALS, once.";
    const { note } = await createNote(cloud.database, userId, { ...blank, title: "T", content });
    expect(await storedItem(userId, note.noteId)).toMatchObject({ content });
    expect(await storedItem(userId, note.noteId)).not.toHaveProperty("searchText");

    await updateNote(cloud.database, userId, note.noteId, { content: `${content}!` }, 1);
    const updated = await storedItem(userId, note.noteId);
    expect(updated).toMatchObject({ content: `${content}!`, version: 2 });
    expect(updated).not.toHaveProperty("searchText");
  });

  it("an edit drops the searchText an item written by an older version still carries", async () => {
    const userId = await newUser();
    const { note } = await createNote(cloud.database, userId, { ...blank, content: "old" });
    await cloud.database.client.send(
      new UpdateCommand({
        TableName: cloud.database.tables.Notes,
        Key: { userId, noteId: note.noteId },
        UpdateExpression: "SET searchText = :text",
        ExpressionAttributeValues: { ":text": "\nold\n" },
      }),
    );
    // Readers never see it (the note API, the change feed and the snapshot all map with toNote).
    expect(await getNote(cloud.database, userId, note.noteId)).toEqual(note);
    await updateNote(cloud.database, userId, note.noteId, { title: "New title" }, 1);
    const item = await storedItem(userId, note.noteId);
    expect(item).toMatchObject({ title: "New title", content: "old" });
    expect(item).not.toHaveProperty("searchText");
  });

  it("never shows one user's note to another", async () => {
    const [alice, bob] = [await newUser(), await newUser()];
    const { note } = await createNote(cloud.database, alice, { ...blank, title: "secret" });
    expect(await getNote(cloud.database, bob, note.noteId)).toBeUndefined();
    await expect(
      updateNote(cloud.database, bob, note.noteId, { title: "x" }, 1),
    ).rejects.toMatchObject({ status: 404 });
    await expect(trashNote(cloud.database, bob, note.noteId)).rejects.toMatchObject({
      status: 404,
    });
    expect((await listNotes(cloud.database, bob)).items).toEqual([]);
    expect(await getNote(cloud.database, alice, note.noteId)).toEqual(note);
  });

  it("changes only the named fields, and refuses a stale version with the current note", async () => {
    const userId = await newUser();
    const { note } = await createNote(cloud.database, userId, {
      ...blank,
      title: "T",
      content: "body",
      tags: ["x"],
    });
    const pinned = await updateNote(cloud.database, userId, note.noteId, { pinned: true }, 1);
    expect(pinned).toMatchObject({
      title: "T",
      content: "body",
      tags: ["x"],
      pinned: true,
      version: 2,
    });

    const stale = updateNote(cloud.database, userId, note.noteId, { content: "mine" }, 1);
    await expect(stale).rejects.toMatchObject({ status: 409, details: { current: pinned } });
    expect((await getNote(cloud.database, userId, note.noteId))?.content).toBe("body");

    const untagged = await updateNote(cloud.database, userId, note.noteId, { tags: [] }, 2);
    expect(untagged.tags).toEqual([]);
  });

  it("lets exactly one of many concurrent edits at the same version win", async () => {
    const userId = await newUser();
    const { note } = await createNote(cloud.database, userId, blank);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        updateNote(cloud.database, userId, note.noteId, { content: `edit ${index}` }, 1),
      ),
    );
    const winners = results.filter((result) => result.status === "fulfilled");
    expect(winners).toHaveLength(1);
    const winner = (winners[0] as PromiseFulfilledResult<{ content: string }>).value;
    expect((await getNote(cloud.database, userId, note.noteId))?.content).toBe(winner.content);
    expect(
      results
        .filter((result) => result.status === "rejected")
        .every((result) => (result as PromiseRejectedResult).reason.status === 409),
    ).toBe(true);
  });

  it("lists pinned first, then by last update, across pages with no gaps or repeats", async () => {
    const userId = await newUser();
    const base = Date.UTC(2026, 0, 1);
    const ids: string[] = [];
    for (let index = 0; index < 70; index++) {
      const { note } = await createNote(cloud.database, userId, {
        ...blank,
        title: `n${index}`,
        pinned: index % 10 === 0,
      });
      ids.push(note.noteId);
      // Spread update times so the order is known: later index, later update.
      await updateNote(
        cloud.database,
        userId,
        note.noteId,
        { content: `c${index}` },
        1,
        new Date(base + index * 1000),
      );
    }
    const { seen, pages } = await allPages(userId, (cursor) =>
      listNotes(cloud.database, userId, { cursor }),
    );
    expect(pages).toBe(3);
    expect(seen).toHaveLength(70);
    expect(new Set(seen.map((card) => card.noteId)).size).toBe(70);
    const pinnedCount = seen.filter((card) => card.pinned).length;
    expect(pinnedCount).toBe(7);
    expect(seen.slice(0, 7).every((card) => card.pinned)).toBe(true);
    const times = seen.slice(7).map((card) => card.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(seen[0]).not.toHaveProperty("content");
  });

  it("filters by tag and searches words case-insensitively, paging until full", async () => {
    const userId = await newUser();
    for (let index = 0; index < 80; index++) {
      await createNote(cloud.database, userId, {
        ...blank,
        title: index % 4 === 0 ? `Quarterly Report ${index}` : `note ${index}`,
        content: index % 8 === 0 ? "mentions the BUDGET" : "nothing much",
        tags: index % 5 === 0 ? ["work"] : ["home"],
      });
    }
    const tagged = await allPages(userId, (cursor) =>
      listNotes(cloud.database, userId, { tags: ["work"], cursor }),
    );
    expect(tagged.seen).toHaveLength(16);
    expect(tagged.seen.every((card) => card.tags.includes("work"))).toBe(true);

    const found = await allPages(userId, (cursor) =>
      searchNotes(cloud.database, userId, ["report", "budget"], { cursor }),
    );
    expect(found.seen.map((card) => card.title).sort()).toEqual(
      Array.from({ length: 10 }, (_, k) => `Quarterly Report ${k * 8}`).sort(),
    );
    const byTag = await searchNotes(cloud.database, userId, ["work"]);
    expect(byTag.items.length).toBeGreaterThan(0);
  });

  it("searches title, text and tags case-insensitively at query time, in small pages", async () => {
    const userId = await newUser();
    const make = (title: string, content: string, tags: string[] = []) =>
      createNote(cloud.database, userId, { ...blank, title, content, tags });
    await make("Grocery LIST", "eggs");
    await make("Plain", "Remember the ÉCOLE meeting and the list");
    await make("Tagged", "nothing here", ["listing"]);
    await make("Elsewhere", "no match at all");
    await make("Both words", "SHOPPING list");
    // A note written before the body was stored once: its searchText copy is ignored.
    const old = await make("Old item", "Written with the LIST in its body");
    await cloud.database.client.send(
      new UpdateCommand({
        TableName: cloud.database.tables.Notes,
        Key: { userId, noteId: old.note.noteId },
        UpdateExpression: "SET searchText = :text",
        ExpressionAttributeValues: { ":text": "stale copy" },
      }),
    );
    const search = (words: string[], limit: number) =>
      allPages(userId, (cursor) => searchNotes(cloud.database, userId, words, { cursor, limit }));
    const titles = (found: { seen: readonly NoteCard[] }) => found.seen.map((card) => card.title);

    // Newest first, every match once across pages of 2 (cursors land between matches).
    const list = await search(["list"], 2);
    expect(titles(list)).toEqual(["Old item", "Both words", "Tagged", "Plain", "Grocery LIST"]);
    expect(list.pages).toBe(3);
    expect(titles(await search(["LIST", "shopping"], 1))).toEqual(["Both words"]);
    expect(titles(await search(["école"], 30))).toEqual(["Plain"]);
    expect(titles(await search(["stale"], 30))).toEqual([]);
    expect(list.seen[0]).not.toHaveProperty("content");
  });

  it("trashes, restores and deletes for good, keeping the counters right", async () => {
    const userId = await newUser();
    const { note } = await createNote(cloud.database, userId, { ...blank, title: "bin me" });
    const trashed = await trashNote(cloud.database, userId, note.noteId);
    expect(trashed.deletedAt).toEqual(expect.any(String));
    expect(await trashNote(cloud.database, userId, note.noteId)).toMatchObject({
      deletedAt: trashed.deletedAt,
    });
    expect(await counters(userId)).toEqual({ notes: 0, trashed: 1 });
    expect(await getNote(cloud.database, userId, note.noteId)).toBeUndefined();
    expect(
      (await listNotes(cloud.database, userId, { trash: true })).items.map((c) => c.noteId),
    ).toEqual([note.noteId]);
    expect((await listNotes(cloud.database, userId)).items).toEqual([]);

    const restored = await restoreNote(cloud.database, userId, note.noteId);
    expect(restored.deletedAt).toBeNull();
    expect(await counters(userId)).toEqual({ notes: 1, trashed: 0 });
    await expect(deleteTrashedNote(cloud.database, userId, note.noteId)).rejects.toMatchObject({
      status: 409,
    });

    await trashNote(cloud.database, userId, note.noteId);
    await deleteTrashedNote(cloud.database, userId, note.noteId);
    await deleteTrashedNote(cloud.database, userId, note.noteId);
    expect(
      await getNote(cloud.database, userId, note.noteId, { includeTrashed: true }),
    ).toBeUndefined();
    expect(await counters(userId)).toEqual({ notes: 0, trashed: 0 });
  });

  it("ignores a trashed note whose TTL has passed before DynamoDB removes it", async () => {
    const userId = await newUser();
    const { note } = await createNote(cloud.database, userId, blank);
    await trashNote(cloud.database, userId, note.noteId);
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(
      await getNote(cloud.database, userId, note.noteId, { includeTrashed: true, now: later }),
    ).toBeUndefined();
    expect((await listNotes(cloud.database, userId, { trash: true, now: later })).items).toEqual(
      [],
    );
    await expect(restoreNote(cloud.database, userId, note.noteId, later)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("keeps the counters equal to the items after many concurrent creates and trashes", async () => {
    const userId = await newUser();
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        createNote(cloud.database, userId, { ...blank, title: `c${index}` }),
      ),
    );
    await Promise.all(
      created
        .slice(0, 25)
        .flatMap(({ note }) => [
          trashNote(cloud.database, userId, note.noteId),
          trashNote(cloud.database, userId, note.noteId),
        ]),
    );
    await Promise.all(
      created.slice(0, 10).map(({ note }) => restoreNote(cloud.database, userId, note.noteId)),
    );
    const live = await allPages(userId, (cursor) => listNotes(cloud.database, userId, { cursor }));
    const trash = await allPages(userId, (cursor) =>
      listNotes(cloud.database, userId, { trash: true, cursor }),
    );
    expect(await counters(userId)).toEqual({ notes: live.seen.length, trashed: trash.seen.length });
    expect(live.seen.length).toBe(25);
    expect(trash.seen.length).toBe(15);
  });

  it("refuses a forged cursor with a 400", async () => {
    const userId = await newUser();
    await expect(listNotes(cloud.database, userId, { cursor: "bm9wZQ" })).rejects.toMatchObject({
      status: 400,
    });
  });

  it("a list page costs the same whatever the size of the note bodies", async () => {
    const small = await newUser();
    const large = await newUser();
    for (let index = 0; index < 5; index++) {
      await createNote(cloud.database, small, { ...blank, content: "x".repeat(300) });
      await createNote(cloud.database, large, { ...blank, content: "x".repeat(80_000) });
    }
    // A raw item proves the large bodies really are in the table.
    const any = (await listNotes(cloud.database, large)).items[0];
    const { Item } = await cloud.database.client.send(
      new GetCommand({
        TableName: cloud.database.tables.Notes,
        Key: { userId: large, noteId: any?.noteId },
      }),
    );
    expect(String(Item?.content).length).toBe(80_000);
    // The cost is what DynamoDB charges for the page: the cards alone would look the same even
    // if the index carried the bodies, since mapping drops them.
    const units: number[] = [];
    const sizes: number[] = [];
    for (const userId of [small, large]) {
      const { capacity, result } = await withReadCapacity(() => listNotes(cloud.database, userId));
      units.push(capacity);
      sizes.push(JSON.stringify(result.items).length);
    }
    expect(units[0]).toBeGreaterThan(0);
    expect(units[1]).toBe(units[0]);
    // Five cards fit in one 4 KB read.
    expect(units[1]).toBeLessThanOrEqual(1);
    // Same card shape for a 300 B and an 80 KB body: only the ids differ.
    expect(sizes[0]).toBe(sizes[1]);
    expect(sizes[1]).toBeLessThan(5 * 600);
  });
});

describe("bounded work per account", () => {
  async function setCounters(userId: string, noteCount: number, trashedNoteCount: number) {
    await cloud.database.client.send(
      new UpdateCommand({
        TableName: cloud.database.tables.Users,
        Key: { userId },
        UpdateExpression: "SET noteCount = :n, trashedNoteCount = :t",
        ExpressionAttributeValues: { ":n": noteCount, ":t": trashedNoteCount },
      }),
    );
  }

  it("caps the notes an account holds, live and trashed, atomically with the counters", async () => {
    const userId = await newUser();
    const { note } = await createNote(cloud.database, userId, blank);
    await trashNote(cloud.database, userId, note.noteId);
    const { note: live } = await createNote(cloud.database, userId, blank);
    // As if the account were full: the counters are what the cap is checked against.
    await setCounters(userId, notesPerAccount, notesPerAccount);
    const full = { status: 413, message: expect.stringMatching(/at most 20,000 notes/) };
    await expect(createNote(cloud.database, userId, blank)).rejects.toMatchObject(full);
    await expect(restoreNote(cloud.database, userId, note.noteId)).rejects.toMatchObject(full);
    await expect(trashNote(cloud.database, userId, live.noteId)).rejects.toMatchObject({
      status: 413,
      message: expect.stringMatching(/notes in the trash/),
    });
    expect(await counters(userId)).toEqual({ notes: notesPerAccount, trashed: notesPerAccount });
    // One under the cap: exactly one of many racing creates gets the last place.
    await setCounters(userId, notesPerAccount - 1, 0);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => createNote(cloud.database, userId, blank)),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await counters(userId)).toEqual({ notes: notesPerAccount, trashed: 0 });
  });

  it("a search matching nothing reads a few pages per request and hands back a cursor", async () => {
    const userId = await newUser();
    // Seeded in batches (a search reads items, not counters): 320 notes, over 5 pages of 50.
    for (let start = 0; start < 320; start += 25) {
      const items = Array.from({ length: 25 }, (_, index) => ({
        PutRequest: {
          Item: { userId, noteId: ulid(), title: `note ${start + index}`, content: "note" },
        },
      }));
      await cloud.database.client.send(
        new BatchWriteCommand({ RequestItems: { [cloud.database.tables.Notes]: items } }),
      );
    }
    let requests = 0;
    let page = await searchNotes(cloud.database, userId, ["nowhere"]);
    for (requests = 1; page.nextCursor; requests++) {
      expect(page.items).toEqual([]);
      page = await searchNotes(cloud.database, userId, ["nowhere"], { cursor: page.nextCursor });
    }
    expect(requests).toBeGreaterThan(1);
    expect(page.items).toEqual([]);
  });
});
