/**
 * Section 2c (issue 14 §3): what storing a note's body once saves. Before issue 14 every note
 * item carried `content` and a lower-cased `searchText` copy; the app now writes `content` only.
 * Both shapes are measured side by side in one run: the "after" item is what `createNote` stores,
 * the "before" item is the same plus the copy the old mapping computed, written with raw requests.
 */
import { GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { liveListKey } from "@/lib/db/notes/mapping";
import { createNote, getNote, searchNotes, updateNote } from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import { createUser } from "@/lib/db/users-repository";
import type { Capacity, CapacityMeter } from "./lib/capacity";
import { log, ratio, table, units } from "./lib/report";
import { batchPut, proseOf } from "./lib/seed";

type Item = Record<string, unknown>;

/** The copy the app stored beside the body until issue 14 (the old `derivedText`). */
function withSearchText(item: Item): Item {
  const tags = [...((item.tags as Set<string> | undefined) ?? [])].join(" ");
  return { ...item, searchText: `${item.title}\n${item.content}\n${tags}`.toLowerCase() };
}

async function newUserId(db: Database, what: string) {
  const user = await createUser(db, {
    email: `${what}-${ulid()}@example.test`,
    displayName: "Body",
    passwordHash: "h",
  });
  return user.userId;
}

/** The item `createNote` stores for this body, read back whole. */
async function appItem(db: Database, userId: string, content: string): Promise<Item> {
  const { note } = await createNote(db, userId, {
    title: "A note",
    content,
    pinned: false,
    tags: ["bench", "cost"],
  });
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Notes, Key: { userId, noteId: note.noteId } }),
  );
  if (!Item) throw new Error("bench note vanished");
  return Item;
}

interface ShapeCost {
  readonly put: Capacity;
  readonly transact: Capacity;
  readonly get: Capacity;
}

/** One write (plain and transactional, as the app writes) and one consistent read of `item`. */
async function costOfItem(db: Database, meter: CapacityMeter, item: Item): Promise<ShapeCost> {
  const TableName = db.tables.Notes;
  const put = await meter.measure(() =>
    db.client.send(new PutCommand({ TableName, Item: { ...item, noteId: ulid() } })),
  );
  const transact = await meter.measure(() =>
    db.client.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName, Item: { ...item, noteId: ulid() } } }],
      }),
    ),
  );
  const get = await meter.measure(() =>
    db.client.send(
      new GetCommand({
        TableName,
        Key: { userId: item.userId, noteId: item.noteId },
        ConsistentRead: true,
      }),
    ),
  );
  return { put: put.capacity, transact: transact.capacity, get: get.capacity };
}

/** `count` copies of `template` (own ids, times, titles and prose bodies), in either shape. */
async function seedCopies(db: Database, template: Item, count: number, before: boolean) {
  const start = Date.now() - count * 1000;
  const bytes = String(template.content).length;
  const items = Array.from({ length: count }, (_, index) => {
    const at = new Date(start + index * 1000).toISOString();
    const noteId = ulid(start + index * 1000);
    const item = {
      ...template,
      noteId,
      title: `Note ${index}`,
      content: proseOf(index, bytes),
      createdAt: at,
      updatedAt: at,
      listKey: liveListKey(false, at, noteId),
    };
    return before ? withSearchText(item) : item;
  });
  await batchPut(db, db.tables.Notes, items, 8);
}

/** A search that matches nothing, every page a client would fetch by following the cursors. */
async function searchEveryPage(db: Database, meter: CapacityMeter, userId: string) {
  let pages = 0;
  const { capacity } = await meter.measure(async () => {
    let cursor: string | undefined;
    do {
      const page = await searchNotes(db, userId, ["zzz-absent"], { cursor });
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
  });
  return { ...capacity, pages };
}

const kb = 1024;

export async function bodyOnceSection(db: Database, meter: CapacityMeter): Promise<string[]> {
  log("cost: a note's body stored once (issue 14), before and after");
  const sizes = [
    { label: "1 KB", content: proseOf(1, kb) },
    { label: "80 KB", content: proseOf(2, 80 * kb) },
  ];
  const rows: unknown[][] = [];
  const app: string[] = [];
  const measured: { label: string; before: ShapeCost; after: ShapeCost }[] = [];
  for (const { label, content } of sizes) {
    const userId = await newUserId(db, "body");
    const after = await appItem(db, userId, content);
    const before = withSearchText(after);
    await db.client.send(new PutCommand({ TableName: db.tables.Notes, Item: before }));
    const beforeCost = await costOfItem(db, meter, before);
    await db.client.send(new PutCommand({ TableName: db.tables.Notes, Item: after }));
    const afterCost = await costOfItem(db, meter, after);
    measured.push({ label, before: beforeCost, after: afterCost });

    const created = await meter.measure(() =>
      createNote(db, userId, { title: "A note", content, pinned: false, tags: ["bench"] }),
    );
    const noteId = created.result.note.noteId;
    const read = await meter.measure(() => getNote(db, userId, noteId));
    const edit = await meter.measure(() =>
      updateNote(db, userId, noteId, { content: `${content.slice(0, -1)}!` }, 1),
    );
    app.push(
      `${label}: createNote ${units(created.capacity.wcu)} WCU, getNote ${units(read.capacity.rcu)} RCU, updateNote ${units(edit.capacity.rcu)} RCU + ${units(edit.capacity.wcu)} WCU`,
    );
  }
  const row = (name: string, pick: (cost: ShapeCost) => number) => {
    const cells = measured.flatMap(({ before, after }) => [
      units(pick(before)),
      units(pick(after)),
    ]);
    const [small, big] = measured;
    rows.push([name, ...cells, small && big ? ratio(pick(big.after), pick(big.before)) : "n/a"]);
  };
  row("note write, PutItem (WCU)", (cost) => cost.put.wcu);
  row("note write in a transaction, as the app writes (WCU)", (cost) => cost.transact.wcu);
  row("note read, consistent GetItem, as getNote (RCU)", (cost) => cost.get.rcu);

  log("cost: server search over 10,000 notes of 1 KB, both shapes");
  const searchRows: unknown[][] = [];
  for (const { label, count, bytes } of [
    { label: "10,000 notes of 1 KB", count: 10_000, bytes: kb },
    { label: "100 notes of 80 KB", count: 100, bytes: 80 * kb },
  ]) {
    const cells: string[] = [];
    let afterRcu = 0;
    let beforeRcu = 0;
    for (const before of [true, false]) {
      const userId = await newUserId(db, "search");
      const template = await appItem(db, userId, proseOf(0, bytes));
      await seedCopies(db, template, count - 1, before);
      if (before) {
        await db.client.send(
          new PutCommand({ TableName: db.tables.Notes, Item: withSearchText(template) }),
        );
      }
      const first = await meter.measure(() => searchNotes(db, userId, ["zzz-absent"]));
      const all = await searchEveryPage(db, meter, userId);
      if (before) beforeRcu = all.rcu;
      else afterRcu = all.rcu;
      cells.push(
        `${units(first.capacity.rcu)} (${first.capacity.requests} queries)`,
        `${units(all.rcu)} (${all.requests} queries, ${all.pages} pages)`,
      );
    }
    searchRows.push([label, ...cells, ratio(afterRcu, beforeRcu)]);
  }

  return [
    "### 2c. A note's body stored once (issue 14): before and after dropping `searchText`",
    "",
    "Before: the item as the app wrote it until issue 14, `content` plus its lower-cased `searchText` copy; after: the item `createNote` writes now. Both measured in this run with the same raw requests (a PutItem, a TransactWriteItems of that one Put, as the app's writes are transactions, and a consistent GetItem), bodies of prose.",
    "",
    table(
      [
        "operation",
        "1 KB before",
        "1 KB after",
        "80 KB before",
        "80 KB after",
        "80 KB after / before",
      ],
      rows,
    ),
    "",
    `The app's own operations now (their transactions also write the counters and a change record): ${app.join("; ")}.`,
    "",
    "**Server search** (for clients without a replica: the API and a first visit's `?q=` page) reads the user's partition newest first and matches title, text and tags case-insensitively as it reads (`searchNotes`, lib/db/notes/queries.ts). A Query is billed on every item it reads, before filter and projection, so its cost is the size of the notes read: one page request reads at most 5 Queries of 50 items (DynamoDB's 1 MB per Query stops a round earlier with large bodies), and a search matching nothing whose client follows every cursor reads the whole partition. Same code for both shapes: the old `contains(searchText, …)` filter read the same items.",
    "",
    table(
      [
        "notes",
        "before: one page RCU",
        "before: every page RCU",
        "after: one page RCU",
        "after: every page RCU",
        "every page after / before",
      ],
      searchRows,
    ),
    "",
  ];
}
