import { BatchWriteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeCursor } from "@/lib/db/cursor";
import { createNote, getNote, listNotes, trashNote, updateNote } from "@/lib/db/notes-repository";
import { maxPageRounds, queryPage, walkPartition } from "@/lib/db/paging";
import { readRecord, retryLostRaces, writeRecord } from "@/lib/db/records";
import type { Database } from "@/lib/db/runtime";
import { again, backoffDelayMs, retryPolicy } from "@/lib/db/transact";
import { createUser, getUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await createTestCloud();
});

async function newUser() {
  const user = await createUser(cloud.database, {
    email: `layer-${ulid()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  return user.userId;
}

/**
 * Records every command the test cloud's client sends while `run` runs (the same client and
 * warm sockets: a second client's burst of new connections is what a loaded machine drops).
 */
async function recordingCommands<T>(
  run: () => Promise<T>,
): Promise<{ result: T; commands: string[] }> {
  const commands: string[] = [];
  const name = `record-${ulid()}`;
  cloud.database.client.middlewareStack.add(
    (next, context) => (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name },
  );
  try {
    return { result: await run(), commands };
  } finally {
    cloud.database.client.middlewareStack.remove(name);
  }
}

async function seedNotes(userId: string, count: number, hit: (index: number) => boolean) {
  const items = Array.from({ length: count }, (_, index) => ({
    PutRequest: {
      Item: {
        userId,
        noteId: `n${String(index).padStart(4, "0")}`,
        ...(hit(index) && { hit: true }),
      },
    },
  }));
  for (let start = 0; start < items.length; start += 25) {
    const { UnprocessedItems } = await cloud.database.client.send(
      new BatchWriteCommand({
        RequestItems: { [cloud.database.tables.Notes]: items.slice(start, start + 25) },
      }),
    );
    expect(UnprocessedItems?.[cloud.database.tables.Notes] ?? []).toEqual([]);
  }
}

describe("the retry policy", () => {
  it("waits a random time under a ceiling that doubles from 25 ms up to 1 s", () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffDelayMs(attempt, () => 1));
    expect(ceilings).toEqual([25, 50, 100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelayMs(3, () => 0)).toBe(0);
  });
});

describe("writeRecord and the lost race, under real concurrent writers", () => {
  const noteKey = (userId: string, noteId: string) => ({ userId, noteId });

  /**
   * A read-check-write of a note's title that a rival beats `rivalWins` times: between each
   * read and write another writer (a real request to DynamoDB) bumps the version.
   */
  async function raceAgainstRival(rivalWins: number) {
    const userId = await newUser();
    const noteId = ulid();
    const table = cloud.database.tables.Notes;
    await cloud.database.client.send(
      new PutCommand({ TableName: table, Item: { userId, noteId, title: "start", version: 1 } }),
    );
    let attempts = 0;
    const outcome = retryLostRaces(async () => {
      attempts++;
      const read = await readRecord<{ version: number }>(cloud.database, table, {
        userId,
        noteId,
      });
      if (attempts <= rivalWins) {
        await cloud.database.client.send(
          new UpdateCommand({
            TableName: table,
            Key: noteKey(userId, noteId),
            UpdateExpression: "SET title = :rival ADD version :one",
            ExpressionAttributeValues: { ":rival": `rival ${attempts}`, ":one": 1 },
          }),
        );
      }
      const written = await writeRecord(cloud.database, {
        kind: "note",
        userId,
        item: {
          Update: {
            TableName: table,
            Key: noteKey(userId, noteId),
            UpdateExpression: "SET title = :mine, version = :next",
            ConditionExpression: "version = :read",
            ExpressionAttributeValues: {
              ":mine": "mine",
              ":read": read?.version,
              ":next": (read?.version ?? 0) + 1,
            },
          },
        },
        counters: { changes: { noteCount: 1 } },
      });
      return written === "lost" ? again : "written";
    });
    const settled = await outcome.then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
    const stored = await readRecord<{ title: string; version: number }>(cloud.database, table, {
      userId,
      noteId,
    });
    const user = await getUser(cloud.database, userId);
    return { ...settled, attempts, stored, notes: user?.counts.notes };
  }

  it("retries a lost race and commits once the writer reads what is there", async () => {
    const result = await raceAgainstRival(3);
    expect(result.error).toBeUndefined();
    expect(result.value).toBe("written");
    expect(result.attempts).toBe(4);
    expect(result.stored).toMatchObject({ title: "mine", version: 5 });
    // The counter moved once, with the write that committed, not with the three that lost.
    expect(result.notes).toBe(1);
  });

  it("answers a race lost on every attempt with one 409 and writes nothing", async () => {
    const result = await raceAgainstRival(Number.POSITIVE_INFINITY);
    expect(result.error).toBeInstanceOf(AppError);
    expect(result.error).toMatchObject({ code: "conflict", status: 409 });
    expect((result.error as AppError).message).toMatch(/nothing was changed/);
    expect(result.attempts).toBe(retryPolicy.attempts);
    expect(result.stored).toMatchObject({
      title: `rival ${retryPolicy.attempts}`,
      version: 1 + retryPolicy.attempts,
    });
    expect(result.notes).toBe(0);
  });

  it("commits every one of many concurrent transactions on one user item, counts exact", async () => {
    const userId = await newUser();
    const db = cloud.database;
    const writers = 25;
    const outcomes = await Promise.all(
      Array.from({ length: writers }, () =>
        writeRecord(db, {
          kind: "task",
          userId,
          item: {
            Put: {
              TableName: db.tables.Tasks,
              Item: { userId, taskId: ulid(), description: "racing", version: 1 },
              ConditionExpression: "attribute_not_exists(taskId)",
            },
          },
          counters: { changes: { todoCount: 1 } },
        }),
      ),
    );
    expect(outcomes).toEqual(Array.from({ length: writers }, () => "done"));
    expect((await getUser(cloud.database, userId))?.counts.tasks.todo).toBe(writers);
  });

  it("refuses a counter change for an account that is gone, writing nothing", async () => {
    const userId = ulid();
    const taskId = ulid();
    const write = writeRecord(cloud.database, {
      kind: "task",
      userId,
      item: {
        Put: {
          TableName: cloud.database.tables.Tasks,
          Item: { userId, taskId, description: "orphan", version: 1 },
          ConditionExpression: "attribute_not_exists(taskId)",
        },
      },
      counters: { changes: { todoCount: 1 } },
    });
    await expect(write).rejects.toMatchObject({ code: "not_found" });
    expect(
      await readRecord(cloud.database, cloud.database.tables.Tasks, { userId, taskId }),
    ).toBeUndefined();
  });
});

describe("notes trash and restore like tasks: read-check-write, retried", () => {
  it("trashes a note while edits race it, never answering 409 when no version was named", async () => {
    const userId = await newUser();
    const blank = { title: "", content: "", pinned: false, tags: [] as string[] };
    for (let round = 0; round < 10; round++) {
      const { note } = await createNote(cloud.database, userId, blank);
      // Five edits at version 1 (one of them commits) racing one trash.
      const edits = Array.from({ length: 5 }, (_, index) =>
        updateNote(cloud.database, userId, note.noteId, { title: `v${index}` }, 1).catch(
          (error: unknown) => error,
        ),
      );
      const trashed = await trashNote(cloud.database, userId, note.noteId);
      await Promise.all(edits);
      expect(trashed.deletedAt).toEqual(expect.any(String));
      const stored = await getNote(cloud.database, userId, note.noteId, { includeTrashed: true });
      expect(stored?.deletedAt).toBe(trashed.deletedAt);
    }
    expect((await getUser(cloud.database, userId))?.counts).toMatchObject({
      notes: 0,
      trashedNotes: 10,
    });
  });
});

describe("paging", () => {
  const spec = (userId: string) => ({
    kind: "test:sparse",
    attributes: ["userId", "noteId"],
    owner: { userId },
  });

  function sparsePage(db: Database, userId: string, cursor?: string) {
    return queryPage(db, {
      input: {
        TableName: db.tables.Notes,
        KeyConditionExpression: "userId = :userId",
        FilterExpression: "attribute_exists(hit)",
        ExpressionAttributeValues: { ":userId": userId },
        ExclusiveStartKey: decodeCursor(cursor, spec(userId)),
      },
      limit: 3,
      kind: "test:sparse",
      keyOf: (item) => ({ userId, noteId: item.noteId }),
      map: (item) => String(item.noteId),
      readAtLeast: 20,
    });
  }

  it("stops a sparse filter after the cap on rounds, and its cursors skip and repeat nothing", async () => {
    const userId = await newUser();
    // 300 items, a hit every 37th: far more than the capped rounds read for one page.
    await seedNotes(userId, 300, (index) => index % 37 === 5);
    const db = cloud.database;
    const { result: first, commands } = await recordingCommands(() => sparsePage(db, userId));
    expect(commands.filter((name) => name === "QueryCommand")).toHaveLength(maxPageRounds);
    expect(first.items).toEqual(["n0005", "n0042", "n0079"]);
    expect(first.nextCursor).toEqual(expect.any(String));

    const seen = [...first.items];
    let cursor = first.nextCursor;
    let pages = 1;
    while (cursor) {
      const from = cursor;
      const { result: page, commands: sent } = await recordingCommands(() =>
        sparsePage(db, userId, from),
      );
      // Every request stays under the cap.
      expect(sent.length).toBeLessThanOrEqual(maxPageRounds);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThan(20);
    }
    const hits = Array.from({ length: 300 }, (_, index) => index)
      .filter((index) => index % 37 === 5)
      .map((index) => `n${String(index).padStart(4, "0")}`);
    expect(seen).toEqual(hits);
  });

  it("gives a page that ends the list no cursor, even when it is exactly full", async () => {
    const userId = await newUser();
    const blank = { title: "", content: "", pinned: false, tags: [] as string[] };
    for (let index = 0; index < 3; index++) await createNote(cloud.database, userId, blank);
    const page = await listNotes(cloud.database, userId, { limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).toBeUndefined();
  });

  it("walks a whole partition, page after page", async () => {
    const userId = await newUser();
    await seedNotes(userId, 7, () => false);
    const items = await walkPartition(cloud.database, {
      TableName: cloud.database.tables.Notes,
      KeyConditionExpression: "userId = :userId",
      ExpressionAttributeValues: { ":userId": userId },
      // Small pages, as DynamoDB's 1 MB pages would be for a large partition.
      Limit: 2,
    });
    expect(items.map((item) => item.noteId)).toEqual(
      Array.from({ length: 7 }, (_, index) => `n000${index}`),
    );
  });
});

describe("DTOs", () => {
  it("say null for an absent value, never leave the field out", async () => {
    const userId = await newUser();
    const { note } = await createNote(cloud.database, userId, {
      title: "t",
      content: "",
      pinned: false,
      tags: [],
    });
    expect(JSON.parse(JSON.stringify(note))).toHaveProperty("deletedAt", null);
    const [card] = (await listNotes(cloud.database, userId)).items;
    expect(JSON.parse(JSON.stringify(card))).toHaveProperty("deletedAt", null);
  });
});
