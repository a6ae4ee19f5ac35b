/**
 * Benchmarks 2 and 3: DynamoDB cost per repository operation (RCU/WCU from ReturnConsumedCapacity),
 * the naive Scan design of the seed tutorials at 10 / 1,000 / 10,000 users, and the scale curve
 * of a list page and a board column for users with 10 / 1,000 / 10,000 items.
 */
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { ensureTables } from "@/lib/db/bootstrap";
import { createDocumentClient } from "@/lib/db/client";
import {
  changeAttachments,
  createNote,
  deleteTrashedNote,
  getNote,
  listAllNoteIds,
  listNotes,
  restoreNote,
  searchNotes,
  trashNote,
  updateNote,
} from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import {
  createTask,
  deleteTrashedTask,
  getTask,
  listColumn,
  listDueTasks,
  listTasks,
  listTasksLinkedToNote,
  moveTask,
  restoreTask,
  trashTask,
  updateTask,
} from "@/lib/db/tasks-repository";
import {
  createUser,
  getCredentialsByEmail,
  getUser,
  revokeSessions,
  updateDisplayName,
} from "@/lib/db/users-repository";
import { localResourceNames } from "@/lib/resources";
import { bodyOnceSection } from "./cost-body";
import { type Capacity, CapacityMeter } from "./lib/capacity";
import { fixed, latency, log, ratio, table, units } from "./lib/report";
import { batchPut, seedNotesLikeTheApp, seedTasksByCopy } from "./lib/seed";

const smallBody =
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor ut labore et dolore.";
const bigBody = "Lorem ipsum dolor sit amet. "
  .repeat(Math.ceil((80 * 1024) / 28))
  .slice(0, 80 * 1024);

interface Row {
  readonly operation: string;
  readonly small: Capacity;
  readonly big: Capacity;
}

function database(endpoint: string, prefix: string): Database {
  return {
    client: createDocumentClient({ region: "us-east-1", endpoint }),
    tables: localResourceNames(prefix, "unused").tables,
  };
}

/** Every repository operation once for a user whose notes have `content` and tasks `details`. */
async function costOfOperations(
  db: Database,
  meter: CapacityMeter,
  content: string,
  details: string,
): Promise<Map<string, Capacity>> {
  const costs = new Map<string, Capacity>();
  const measure = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const { result, capacity } = await meter.measure(work);
    costs.set(name, capacity);
    return result;
  };
  const email = `cost-${ulid()}@example.test`;
  const user = await measure("users: createUser (+ email claim)", () =>
    createUser(db, { email, displayName: "Cost", passwordHash: "x".repeat(97) }),
  );
  const userId = user.userId;
  await measure("users: getUser", () => getUser(db, userId));
  await measure("users: getCredentialsByEmail (sign-in)", () => getCredentialsByEmail(db, email));
  await measure("users: updateDisplayName", () => updateDisplayName(db, userId, "Cost 2"));
  await measure("users: revokeSessions", () => revokeSessions(db, userId));

  // 40 notes, so a list page (30) is full and a second page exists.
  const noteInput = { title: "A note", content, pinned: false, tags: ["bench", "cost"] };
  const created = await measure("notes: createNote", () => createNote(db, userId, noteInput));
  for (let index = 1; index < 40; index++) await createNote(db, userId, noteInput);
  const noteId = created.note.noteId;
  await measure("notes: getNote", () => getNote(db, userId, noteId));
  const page = await measure("notes: listNotes (page of 30)", () => listNotes(db, userId));
  await measure("notes: listNotes (page 2, cursor)", () =>
    listNotes(db, userId, { cursor: page.nextCursor }),
  );
  await measure("notes: searchNotes (1 word, 40 notes)", () => searchNotes(db, userId, ["lorem"]));
  const updated = await measure("notes: updateNote (same size)", () =>
    updateNote(db, userId, noteId, { content: `${content.slice(0, -1)}!` }, 1),
  );
  await measure("notes: changeAttachments (add one)", () =>
    changeAttachments(db, userId, noteId, (current) => [
      ...current,
      {
        attachmentId: ulid(),
        name: "a.pdf",
        size: 1000,
        contentType: "application/pdf",
        key: `private/${userId}/${noteId}/x/a.pdf`,
      },
    ]),
  );
  await measure("notes: trashNote", () =>
    trashNote(db, userId, noteId, { expectedVersion: updated.version }),
  );
  await measure("notes: listNotes (trash page)", () => listNotes(db, userId, { trash: true }));
  await measure("notes: restoreNote", () => restoreNote(db, userId, noteId));
  await trashNote(db, userId, noteId);
  await measure("notes: deleteTrashedNote", () => deleteTrashedNote(db, userId, noteId));
  await measure("notes: listAllNoteIds (40 notes)", () => listAllNoteIds(db, userId));

  const taskInput = { description: "A task", details, dueDate: "2026-01-02" };
  const task = await measure("tasks: createTask", () => createTask(db, userId, taskInput));
  for (let index = 1; index < 60; index++) await createTask(db, userId, taskInput);
  const taskId = task.task.taskId;
  await measure("tasks: getTask", () => getTask(db, userId, taskId));
  await measure("tasks: listColumn (page of 50)", () => listColumn(db, userId, "todo"));
  await measure("tasks: listTasks (page of 50)", () => listTasks(db, userId));
  await measure("tasks: listDueTasks (week)", () =>
    listDueTasks(db, userId, "week", { today: "2026-01-01" }),
  );
  await measure("tasks: updateTask (description)", () =>
    updateTask(db, userId, taskId, { description: "Edited" }, 1),
  );
  await measure("tasks: moveTask (to another column)", () =>
    moveTask(db, userId, taskId, { status: "in-progress" }),
  );
  const column = await listColumn(db, userId, "todo", { limit: 3 });
  const [first, second] = column.items;
  if (first && second) {
    await measure("tasks: moveTask (between two neighbours)", () =>
      moveTask(db, userId, taskId, {
        status: "todo",
        afterTaskId: first.taskId,
        beforeTaskId: second.taskId,
      }),
    );
  }
  await measure("tasks: trashTask", () => trashTask(db, userId, taskId));
  await measure("tasks: restoreTask", () => restoreTask(db, userId, taskId));
  await trashTask(db, userId, taskId);
  await measure("tasks: deleteTrashedTask", () => deleteTrashedTask(db, userId, taskId));
  await measure("tasks: listTasksLinkedToNote (60 tasks)", () =>
    listTasksLinkedToNote(db, userId, noteId),
  );
  return costs;
}

async function createNaiveTable(db: Database, name: string) {
  await db.client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "noteId", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "noteId", KeyType: "HASH" }],
    }),
  );
}

/** The tutorials' list: Scan the whole table, filter by user, every page. */
async function naiveList(db: Database, table: string, userId: string) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: "userId = :userId",
        ExpressionAttributeValues: { ":userId": userId },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export async function runCostBench(endpoint: string): Promise<string> {
  const sections: string[] = [];
  const db = database(endpoint, "cost-");
  await ensureTables(db.client, db.tables);
  const meter = new CapacityMeter(db.client);

  // --- 2a. Cost per repository operation, small and big bodies, side by side.
  log("cost: every repository operation with 100 B and 80 KB bodies");
  const small = await costOfOperations(db, meter, smallBody, smallBody);
  const big = await costOfOperations(db, meter, bigBody, "x".repeat(20 * 1024));
  const rows: Row[] = [...small.keys()].map((operation) => ({
    operation,
    small: small.get(operation) as Capacity,
    big: (big.get(operation) ?? { rcu: Number.NaN, wcu: Number.NaN }) as Capacity,
  }));
  // The card carries an excerpt of up to 200 characters, so bodies shorter than that make
  // smaller cards: compare a 1 KB body too, which fills the excerpt as 80 KB does.
  const oneKb = "Lorem ipsum dolor sit amet. ".repeat(40).slice(0, 1024);
  const listCostFor = async (content: string) => {
    const owner = await createUser(db, {
      email: `page-${ulid()}@example.test`,
      displayName: "Page",
      passwordHash: "h",
    });
    for (let index = 0; index < 40; index++) {
      await createNote(db, owner.userId, {
        title: "A note",
        content,
        pinned: false,
        tags: ["bench", "cost"],
      });
    }
    const { capacity } = await meter.measure(() => listNotes(db, owner.userId));
    return { rcu: capacity.rcu, queries: capacity.requests };
  };
  const [pageSmall, pageKb, pageBig] = [
    await listCostFor(smallBody),
    await listCostFor(oneKb),
    await listCostFor(bigBody),
  ];
  const unreported = rows.reduce((sum, row) => sum + row.small.unreported + row.big.unreported, 0);
  sections.push(
    "### 2. DynamoDB cost per repository operation (RCU / WCU, ReturnConsumedCapacity=INDEXES)",
    "",
    "Each operation measured once, for a user whose notes have 100 B bodies (tasks: 100 B details) and, beside it, for a user whose notes have 80 KB bodies (tasks: 20 KB details, their maximum). Capacity is summed over every request the operation sends, tables and indexes together, as DynamoDB Local reports it.",
    "",
    table(
      [
        "operation",
        "requests",
        "100 B: RCU",
        "100 B: WCU",
        "80 KB: RCU",
        "80 KB: WCU",
        "80 KB / 100 B (RCU+WCU)",
      ],
      rows.map((row) => [
        row.operation,
        row.small.requests,
        units(row.small.rcu),
        units(row.small.wcu),
        units(row.big.rcu),
        units(row.big.wcu),
        ratio(row.big.rcu + row.big.wcu, row.small.rcu + row.small.wcu),
      ]),
    ),
    "",
    `**List page of 30 cards (ByList projects the card, never the body):** 100 B bodies ${units(pageSmall.rcu)} RCU, 1 KB bodies ${units(pageKb.rcu)} RCU, 80 KB bodies ${units(pageBig.rcu)} RCU (${pageBig.queries} Queries). 1 KB vs 80 KB: ${pageKb.rcu === pageBig.rcu ? "the same" : pageBig.queries > pageKb.queries ? "not the same, because DynamoDB Local ends a Query of the index after 1 MB counted in the base items' size (13 notes of 80 KB), so the page took several Queries, each rounded up to 0.5 RCU; AWS counts the 1 MB in index entries" : "DIFFERENT"}. 100 B vs 80 KB: ${pageSmall.rcu === pageBig.rcu ? "the same" : "not the same, because a 100 B body makes a 100-character excerpt while longer bodies fill the 200-character excerpt the card carries; the card is capped, so the cost stops growing there"}.`,
    "",
    `Responses without ConsumedCapacity: ${unreported}. Transactions are reported by DynamoDB Local at DynamoDB's transactional rate (2 WCU per KB written). A note item stores its body once (\`content\`; until issue 14 also a lower-cased \`searchText\` copy: see 2c), so an 80 KB note is an ~80 KB item: creating, reading, updating and trashing one cost what its size costs, and search and \`listAllNoteIds\`, which read whole items, grow with body size.`,
    "",
  );
  sections.push(...(await bodyOnceSection(db, meter)));

  // --- 2b. The naive design: Scan the whole table, filter by user.
  log("cost: naive Scan design at 10 / 1,000 / 10,000 users");
  const naiveTable = `naive-${ulid().slice(-6)}`;
  await createNaiveTable(db, naiveTable);
  const target = await createUser(db, {
    email: `naive-${ulid()}@example.test`,
    displayName: "Target",
    passwordHash: "h",
  });
  // The same user's 5 notes in both designs.
  const targetNotes: Record<string, unknown>[] = [];
  for (let index = 0; index < 5; index++) {
    const { note } = await createNote(db, target.userId, {
      title: `Mine ${index}`,
      content: smallBody,
      pinned: false,
      tags: [],
    });
    targetNotes.push({
      noteId: note.noteId,
      userId: target.userId,
      title: note.title,
      content: smallBody,
      createdAt: note.createdAt,
    });
  }
  await batchPut(db, naiveTable, targetNotes);
  const naiveRows: unknown[][] = [];
  let seeded = 0;
  for (const users of [10, 1_000, 10_000]) {
    const fillers = Array.from({ length: users - seeded }, (_, index) => {
      const at = new Date().toISOString();
      const userId = ulid();
      return {
        userId,
        noteId: ulid(),
        title: `Note of user ${seeded + index}`,
        content: smallBody,
        createdAt: at,
        updatedAt: at,
      };
    });
    await batchPut(db, naiveTable, fillers);
    // The same other users' notes in Jotboard's Notes table (a card index entry each).
    await batchPut(
      db,
      db.tables.Notes,
      fillers.map((item) => ({
        ...item,
        pinned: false,
        attachments: [],
        attachmentCount: 0,
        attachmentsRevision: 0,
        version: 1,
        excerpt: smallBody,
        listKey: `live#0#${item.updatedAt}#${item.noteId}`,
      })),
    );
    seeded = users;
    const naive = await meter.measure(() => naiveList(db, naiveTable, target.userId));
    const ours = await meter.measure(() => listNotes(db, target.userId));
    if (naive.result.length !== 5 || ours.result.items.length !== 5) {
      throw new Error(
        `naive list found ${naive.result.length}, Jotboard ${ours.result.items.length}`,
      );
    }
    const naiveTime = await latency(5, () => naiveList(db, naiveTable, target.userId));
    const oursTime = await latency(15, () => listNotes(db, target.userId));
    naiveRows.push([
      users.toLocaleString("en"),
      units(naive.capacity.rcu),
      naive.capacity.requests,
      fixed(naiveTime.p50),
      units(ours.capacity.rcu),
      ours.capacity.requests,
      fixed(oursTime.p50),
      ratio(naive.capacity.rcu, ours.capacity.rcu, 0),
      ratio(naiveTime.p50, oursTime.p50, 1),
    ]);
  }
  sections.push(
    "### 2b. Versus the naive design (Scan the table, filter by user)",
    "",
    "One note per other user (100 B body) in a separate naive table (hash key `noteId`, one item per note with its body) and, for fairness, the same notes in Jotboard's Notes table; the measured user has 5 notes in both. Naive: a Scan of every page with `FilterExpression userId = :u` (eventually consistent). Jotboard: `listNotes`, one Query of the ByList index.",
    "",
    table(
      [
        "users in table",
        "naive RCU",
        "naive requests",
        "naive p50 ms",
        "Jotboard RCU",
        "Jotboard requests",
        "Jotboard p50 ms",
        "naive / Jotboard RCU",
        "naive / Jotboard latency",
      ],
      naiveRows,
    ),
    "",
  );

  // --- 3. Scale curve: one user each with 10 / 1,000 / 10,000 notes and tasks.
  log("scale: users with 10 / 1,000 / 10,000 notes and tasks");
  const scaleRows: unknown[][] = [];
  let baseline: { list: number; column: number } | undefined;
  for (const count of [10, 1_000, 10_000]) {
    const user = await createUser(db, {
      email: `scale-${count}-${ulid()}@example.test`,
      displayName: "Scale",
      passwordHash: "h",
    });
    await seedNotesLikeTheApp(db, user.userId, count, () => smallBody);
    await seedTasksByCopy(db, user.userId, count, smallBody);
    const listCost = await meter.measure(() => listNotes(db, user.userId));
    const page2 = await meter.measure(() =>
      listNotes(db, user.userId, { cursor: listCost.result.nextCursor }),
    );
    const columnCost = await meter.measure(() => listColumn(db, user.userId, "todo"));
    const searchCost = await meter.measure(() => searchNotes(db, user.userId, ["zzz-absent"]));
    const listTime = await latency(15, () => listNotes(db, user.userId));
    const columnTime = await latency(15, () => listColumn(db, user.userId, "todo"));
    baseline ??= { list: listTime.p50, column: columnTime.p50 };
    scaleRows.push([
      count.toLocaleString("en"),
      `${units(listCost.capacity.rcu)} / ${listCost.result.items.length}`,
      count > 30 ? units(page2.capacity.rcu) : "—",
      fixed(listTime.p50),
      fixed(listTime.p95),
      ratio(listTime.p50, baseline.list),
      `${units(columnCost.capacity.rcu)} / ${columnCost.result.items.length}`,
      fixed(columnTime.p50),
      fixed(columnTime.p95),
      ratio(columnTime.p50, baseline.column),
      `${units(searchCost.capacity.rcu)} (${searchCost.capacity.requests} req)`,
    ]);
  }
  sections.push(
    "### 3. Scale curve: a list page and a board column for users with 10 / 1,000 / 10,000 items",
    "",
    "Each user's first note and task go through `createNote` / `createTask`; the rest are copies of those stored items (same attributes, sizes and index keys, own ids and times) written with BatchWrite, and the user's counters raised to match — 10,000 transactions one by one would take minutes on this machine. Latency: 15 sequential calls from this process. Search reads the user's whole partition by design (no index can answer substring search), so its cost is shown growing.",
    "",
    table(
      [
        "items",
        "list page RCU / cards",
        "page 2 RCU",
        "list p50 ms",
        "list p95 ms",
        "list p50 vs 10 items",
        "column RCU / cards",
        "column p50 ms",
        "column p95 ms",
        "column p50 vs 10 items",
        "search (no match) RCU",
      ],
      scaleRows,
    ),
    "",
  );

  db.client.destroy();
  return sections.join("\n");
}
