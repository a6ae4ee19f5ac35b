/** Seeding helpers: BatchWrite in bounded chunks, and bulk copies of real repository items. */
import { BatchWriteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { derivedText, liveListKey } from "@/lib/db/notes/mapping";
import { createNote } from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import { createTask } from "@/lib/db/tasks-repository";
import { positionBetween } from "@/lib/tasks/position";
import { bounded } from "./report";

/** Puts items 25 per BatchWrite, `concurrency` requests at a time, retrying unprocessed ones. */
export async function batchPut(
  db: Database,
  table: string,
  items: readonly Record<string, unknown>[],
  concurrency = 6,
): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25)
    chunks.push(items.slice(start, start + 25));
  await bounded(chunks.length, concurrency, async (index) => {
    let requests = (chunks[index] ?? []).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 10) throw new Error(`BatchWrite to ${table} kept leaving items unprocessed`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const { UnprocessedItems } = await db.client.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests } }),
      );
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  });
}

async function addCounter(db: Database, userId: string, counter: string, amount: number) {
  await db.client.send(
    new UpdateCommand({
      TableName: db.tables.Users,
      Key: { userId },
      UpdateExpression: `ADD ${counter} :n`,
      ExpressionAttributeValues: { ":n": amount },
    }),
  );
}

/**
 * `count` todo tasks for a user: one through `createTask`, then copies of its stored item with
 * their own ids and positions, and the user's counter raised to match.
 */
export async function seedTasksByCopy(
  db: Database,
  userId: string,
  count: number,
  details: string,
): Promise<string[]> {
  const { task } = await createTask(db, userId, { description: "Task 0", details });
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Tasks, Key: { userId, taskId: task.taskId } }),
  );
  if (!Item) throw new Error("seed task vanished");
  let position = task.position;
  const copies = Array.from({ length: count - 1 }, (_, index) => {
    position = positionBetween(position, null);
    return { ...Item, taskId: ulid(), description: `Task ${index + 1}`, position };
  });
  await batchPut(db, db.tables.Tasks, copies);
  await addCounter(db, userId, "todoCount", copies.length);
  return [task.taskId, ...copies.map((copy) => copy.taskId)];
}

/** Deterministic text that compresses like prose (not like one string repeated). */
export function proseOf(seed: number, bytes: number): string {
  let state = seed * 2_654_435_761 + 1;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "shi", "po", "de", "vi", "an", "or"];
  const words: string[] = [];
  let length = 0;
  while (length < bytes) {
    const count = 1 + Math.floor(next() * 3);
    let word = "";
    for (let index = 0; index < count; index++)
      word += syllables[Math.floor(next() * syllables.length)];
    const end = next() < 0.08 ? ".\n" : " ";
    words.push(word + end);
    length += word.length + end.length;
  }
  return words.join("").slice(0, bytes);
}

/**
 * `count` notes written as the app writes them: one template through `createNote` (so every
 * attribute the app sets is there), then per note its own id, times, title, body and the
 * derived excerpt and list key (the app's own mapping functions), put with
 * BatchWrite; the user's `noteCount` is raised to match. No change records: like data written
 * before the change feed existed (issue 13 §6). `contentOf(index)` is each body. Seeding 10,000
 * notes one transaction at a time would take minutes here.
 */
export async function seedNotesLikeTheApp(
  db: Database,
  userId: string,
  count: number,
  contentOf: (index: number) => string,
): Promise<{ noteIds: string[]; contentBytes: number }> {
  const { note } = await createNote(db, userId, {
    title: "Note 0",
    content: contentOf(0),
    pinned: false,
    tags: ["seed"],
  });
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Notes, Key: { userId, noteId: note.noteId } }),
  );
  if (!Item) throw new Error("seed note vanished");
  const start = Date.parse(note.createdAt) - count * 1000;
  let contentBytes = note.content.length;
  const copies = Array.from({ length: count - 1 }, (_, index) => {
    const time = start + index * 1000;
    const at = new Date(time).toISOString();
    const noteId = ulid(time);
    const title = `Note ${index + 1}`;
    const content = contentOf(index + 1);
    contentBytes += content.length;
    return {
      ...Item,
      noteId,
      title,
      content,
      createdAt: at,
      updatedAt: at,
      listKey: liveListKey(false, at, noteId),
      ...derivedText(content),
    };
  });
  await batchPut(db, db.tables.Notes, copies, 8);
  await addCounter(db, userId, "noteCount", copies.length);
  return { noteIds: [note.noteId, ...copies.map((copy) => copy.noteId)], contentBytes };
}
