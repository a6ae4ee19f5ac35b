import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { deleteKeys } from "@/lib/db/batch";
import {
  failedTransactionConditions,
  isConditionFailure,
  sendTransaction,
} from "@/lib/db/conditions";
import { type CursorSpec, decodeCursor, encodeCursor } from "@/lib/db/cursor";
import type { Database } from "@/lib/db/runtime";
import { AppError } from "@/lib/errors";
import { excerptOf } from "@/lib/notes/excerpt";
import type { Attachment, Note, NoteCard, Page } from "@/lib/notes/types";

export type { Attachment, Note, NoteCard, Page };

export interface NewNote {
  readonly noteId?: string;
  readonly title: string;
  readonly content: string;
  readonly pinned: boolean;
  readonly tags: readonly string[];
}

export interface NotePatch {
  readonly title?: string;
  readonly content?: string;
  readonly pinned?: boolean;
  readonly tags?: readonly string[];
  readonly remoteImages?: boolean;
}

interface NoteItem {
  userId: string;
  noteId: string;
  title: string;
  content: string;
  pinned: boolean;
  tags?: Set<string>;
  attachments: Attachment[];
  attachmentCount: number;
  attachmentsRevision: number;
  remoteImages?: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  deletedAt?: string;
  expiresAt?: number;
  listKey: string;
  excerpt: string;
  searchText: string;
}

const trashDays = 30;

function liveListKey(pinned: boolean, updatedAt: string, noteId: string) {
  return `live#${pinned ? 1 : 0}#${updatedAt}#${noteId}`;
}

function trashListKey(deletedAt: string, noteId: string) {
  return `trash#${deletedAt}#${noteId}`;
}

function searchTextOf(title: string, content: string, tags: readonly string[]): string {
  return `${title}\n${content}\n${tags.join(" ")}`.toLowerCase();
}

/** DynamoDB string sets cannot be empty: no tags means no attribute. */
function tagSet(tags: readonly string[]): Set<string> | undefined {
  return tags.length > 0 ? new Set(tags) : undefined;
}

function sortedTags(tags: Iterable<string> | undefined): string[] {
  return tags ? [...tags].sort() : [];
}

function toNote(item: NoteItem): Note {
  return {
    noteId: item.noteId,
    title: item.title,
    content: item.content,
    pinned: item.pinned,
    tags: sortedTags(item.tags),
    attachments: item.attachments ?? [],
    remoteImages: item.remoteImages ?? false,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
    ...(item.deletedAt && { deletedAt: item.deletedAt }),
  };
}

function toCard(item: Omit<NoteItem, "content" | "attachments" | "searchText">): NoteCard {
  return {
    noteId: item.noteId,
    title: item.title,
    excerpt: item.excerpt ?? "",
    pinned: item.pinned,
    tags: sortedTags(item.tags),
    attachmentCount: item.attachmentCount ?? 0,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
    ...(item.deletedAt && { deletedAt: item.deletedAt }),
  };
}

function isExpired(item: { expiresAt?: number }, now: Date): boolean {
  return item.expiresAt !== undefined && item.expiresAt * 1000 <= now.getTime();
}

/**
 * Notes one account may hold, live and in the trash, each. Checked on the counters in the same
 * transaction as the write, so racing creates cannot pass it. 20,000 leaves room for the
 * 10,000-note scale bench and years of daily notes; past it the work per account (search,
 * account deletion) stops being small.
 */
export const notesPerAccount = 20_000;

type Counter = "noteCount" | "trashedNoteCount";

/** Counter changes on the user item; `below` also requires that counter to be under the cap. */
function userCounterUpdate(
  db: Database,
  userId: string,
  changes: Partial<Record<Counter, number>>,
  below?: Counter,
) {
  const names = Object.keys(changes) as Counter[];
  return {
    Update: {
      TableName: db.tables.Users,
      Key: { userId },
      UpdateExpression: `ADD ${names.map((name, index) => `${name} :c${index}`).join(", ")}`,
      ConditionExpression: below
        ? `kind = :user AND (attribute_not_exists(${below}) OR ${below} < :cap)`
        : "kind = :user",
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((name, index) => [`:c${index}`, changes[name]])),
        ":user": "user",
        ...(below && { ":cap": notesPerAccount }),
      },
    },
  };
}

/** Why the user item refused a counter change: the account is gone, or `counter` is full. */
async function counterRefusal(db: Database, userId: string, counter: Counter): Promise<AppError> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Users, Key: { userId }, ConsistentRead: true }),
  );
  if (Item?.kind !== "user") return new AppError("not_found", "This account no longer exists.");
  const where = counter === "noteCount" ? "notes" : "notes in the trash";
  return new AppError(
    "too_large",
    `An account holds at most ${notesPerAccount.toLocaleString("en")} ${where}; delete some to make room.`,
  );
}

async function readItem(
  db: Database,
  userId: string,
  noteId: string,
): Promise<NoteItem | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.tables.Notes, Key: { userId, noteId }, ConsistentRead: true }),
  );
  return Item as NoteItem | undefined;
}

const notFound = () => new AppError("not_found", "This note does not exist.");

/**
 * Creates a note, counting it on the user item in the same transaction. Idempotent on
 * `noteId`: a retried create (an offline client replaying) returns the existing note.
 */
export async function createNote(
  db: Database,
  userId: string,
  input: NewNote,
  now = new Date(),
): Promise<{ note: Note; created: boolean }> {
  const noteId = input.noteId ?? ulid(now.getTime());
  const at = now.toISOString();
  const item: NoteItem = {
    userId,
    noteId,
    title: input.title,
    content: input.content,
    pinned: input.pinned,
    tags: tagSet(input.tags),
    attachments: [],
    attachmentCount: 0,
    attachmentsRevision: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
    listKey: liveListKey(input.pinned, at, noteId),
    excerpt: excerptOf(input.content),
    searchText: searchTextOf(input.title, input.content, input.tags),
  };
  try {
    await sendTransaction(db, {
      TransactItems: [
        {
          Put: {
            TableName: db.tables.Notes,
            Item: item,
            ConditionExpression: "attribute_not_exists(noteId)",
          },
        },
        userCounterUpdate(db, userId, { noteCount: 1 }, "noteCount"),
      ],
    });
    return { note: toNote(item), created: true };
  } catch (error) {
    const failed = failedTransactionConditions(error);
    if (failed?.[0]) {
      const existing = await readItem(db, userId, noteId);
      if (existing) return { note: toNote(existing), created: false };
    }
    if (failed?.[1]) throw await counterRefusal(db, userId, "noteCount");
    throw error;
  }
}

/** A note of this user, or undefined (missing, another user's, trashed unless asked, or expired). */
export async function getNote(
  db: Database,
  userId: string,
  noteId: string,
  options: { includeTrashed?: boolean; now?: Date } = {},
): Promise<Note | undefined> {
  const item = await readItem(db, userId, noteId);
  if (!item || isExpired(item, options.now ?? new Date())) return undefined;
  if (item.deletedAt && !options.includeTrashed) return undefined;
  return toNote(item);
}

/**
 * The titles of some of this user's live notes, by id, read with BatchGet (100 keys a request,
 * retrying what DynamoDB leaves unprocessed). Ids that are missing, trashed, expired or not this
 * user's are simply absent: keys are built from `userId`, so another user's note is never read.
 */
export async function getNoteTitles(
  db: Database,
  userId: string,
  noteIds: readonly string[],
  now = new Date(),
): Promise<Record<string, string>> {
  const titles: Record<string, string> = {};
  const unique = [...new Set(noteIds)];
  for (let start = 0; start < unique.length; start += 100) {
    let keys: Record<string, unknown>[] = unique
      .slice(start, start + 100)
      .map((noteId) => ({ userId, noteId }));
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`Could not read ${keys.length} notes`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await db.client.send(
        new BatchGetCommand({
          RequestItems: {
            [db.tables.Notes]: {
              Keys: keys,
              ProjectionExpression: "noteId, title, deletedAt, expiresAt",
            },
          },
        }),
      );
      for (const item of (Responses?.[db.tables.Notes] ?? []) as Partial<NoteItem>[]) {
        if (item.noteId && !item.deletedAt && !isExpired(item, now)) {
          titles[item.noteId] = item.title ?? "";
        }
      }
      keys = UnprocessedKeys?.[db.tables.Notes]?.Keys ?? [];
    }
  }
  return titles;
}

/** Query pages one request may read: a filter matching nothing stops here, not at the end. */
const maxQueryRounds = 5;

/**
 * Runs a filtered Query page after page until `limit` items matched, the partition ended, or
 * `maxQueryRounds` pages were read (a search that matches little answers a short, possibly empty
 * page and a cursor to keep searching). The cursor is the key of the last item returned, or
 * where reading stopped, so nothing is skipped or repeated.
 */
async function queryUntilFull<T>(
  db: Database,
  input: QueryCommandInput,
  options: {
    limit: number;
    cursor: string | undefined;
    spec: CursorSpec;
    keyOf: (item: Record<string, unknown>) => Record<string, unknown>;
  },
  map: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined = decodeCursor(options.cursor, options.spec);
  for (let round = 0; round < maxQueryRounds; round++) {
    const page = await db.client.send(
      new QueryCommand({
        ...input,
        ExclusiveStartKey: startKey,
        Limit: Math.max(options.limit, 50),
      }),
    );
    for (const item of page.Items ?? []) {
      items.push(map(item));
      if (items.length === options.limit) {
        return { items, nextCursor: encodeCursor(options.spec.kind, options.keyOf(item)) };
      }
    }
    startKey = page.LastEvaluatedKey;
    if (!startKey) return { items };
  }
  return { items, nextCursor: encodeCursor(options.spec.kind, startKey) };
}

/** Every tag must be in the note's tag set (a DynamoDB string set: `contains` is membership). */
function addTagFilters(
  tags: readonly string[] | undefined,
  filters: string[],
  values: Record<string, unknown>,
): void {
  (tags ?? []).forEach((tag, index) => {
    filters.push(`contains(tags, :tag${index})`);
    values[`:tag${index}`] = tag;
  });
}

export interface ListOptions {
  readonly trash?: boolean;
  /** Tags a note must all carry. */
  readonly tags?: readonly string[];
  readonly cursor?: string;
  readonly limit?: number;
  readonly now?: Date;
}

/** Pinned first, then most recently updated (or the trash, newest first), from the ByList index. */
export async function listNotes(
  db: Database,
  userId: string,
  options: ListOptions = {},
): Promise<Page<NoteCard>> {
  const now = options.now ?? new Date();
  const filters = ["(attribute_not_exists(expiresAt) OR expiresAt > :now)"];
  const values: Record<string, unknown> = {
    ":userId": userId,
    ":prefix": options.trash ? "trash#" : "live#",
    ":now": Math.floor(now.getTime() / 1000),
  };
  addTagFilters(options.tags, filters, values);
  return queryUntilFull(
    db,
    {
      TableName: db.tables.Notes,
      IndexName: "ByList",
      KeyConditionExpression: "userId = :userId AND begins_with(listKey, :prefix)",
      FilterExpression: filters.join(" AND "),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    {
      limit: options.limit ?? 30,
      cursor: options.cursor,
      spec: {
        kind: options.trash ? "notes:trash" : "notes:live",
        attributes: ["userId", "noteId", "listKey"],
        owner: { userId },
        prefixes: { listKey: String(values[":prefix"]) },
      },
      keyOf: (item) => ({ userId, noteId: item.noteId, listKey: item.listKey }),
    },
    (item) => toCard(item as unknown as NoteItem),
  );
}

/**
 * Notes containing every word (case-insensitive) in title, content or tags, newest first.
 * Reads the user's own partition of the table, filtered: no index can answer substring search,
 * so its cost grows with the user's notes, never with other users'.
 */
export async function searchNotes(
  db: Database,
  userId: string,
  words: readonly string[],
  options: ListOptions = {},
): Promise<Page<NoteCard>> {
  const now = options.now ?? new Date();
  const filters = [
    options.trash ? "attribute_exists(deletedAt)" : "attribute_not_exists(deletedAt)",
    "(attribute_not_exists(expiresAt) OR expiresAt > :now)",
    ...words.map((_, index) => `contains(searchText, :w${index})`),
  ];
  const values: Record<string, unknown> = {
    ":userId": userId,
    ":now": Math.floor(now.getTime() / 1000),
    ...Object.fromEntries(words.map((word, index) => [`:w${index}`, word])),
  };
  addTagFilters(options.tags, filters, values);
  return queryUntilFull(
    db,
    {
      TableName: db.tables.Notes,
      KeyConditionExpression: "userId = :userId",
      FilterExpression: filters.join(" AND "),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    {
      limit: options.limit ?? 30,
      cursor: options.cursor,
      spec: {
        kind: options.trash ? "notes:search-trash" : "notes:search",
        attributes: ["userId", "noteId"],
        owner: { userId },
      },
      keyOf: (item) => ({ userId, noteId: item.noteId }),
    },
    (item) => toCard(item as unknown as NoteItem),
  );
}

/** Why a conditional write on a note failed: gone, trashed, or changed since `version`. */
async function explainFailedWrite(db: Database, userId: string, noteId: string): Promise<AppError> {
  const current = await getNote(db, userId, noteId);
  if (!current) return notFound();
  return new AppError("conflict", "This note changed elsewhere since you opened it.", {
    details: { current },
  });
}

/**
 * Applies the named fields only, if the note is still at `expectedVersion`; a stale version
 * gets a 409 carrying the current note, never a silent overwrite.
 */
export async function updateNote(
  db: Database,
  userId: string,
  noteId: string,
  patch: NotePatch,
  expectedVersion: number,
  now = new Date(),
): Promise<Note> {
  const item = await readItem(db, userId, noteId);
  if (!item || item.deletedAt || isExpired(item, now)) throw notFound();
  if (item.version !== expectedVersion) throw await explainFailedWrite(db, userId, noteId);

  const title = patch.title ?? item.title;
  const content = patch.content ?? item.content;
  const pinned = patch.pinned ?? item.pinned;
  const tags = patch.tags ?? sortedTags(item.tags);
  const remoteImages = patch.remoteImages ?? item.remoteImages ?? false;
  const updatedAt = now.toISOString();
  const values: Record<string, unknown> = {
    ":title": title,
    ":content": content,
    ":pinned": pinned,
    ":remoteImages": remoteImages,
    ":updatedAt": updatedAt,
    ":listKey": liveListKey(pinned, updatedAt, noteId),
    ":excerpt": excerptOf(content),
    ":searchText": searchTextOf(title, content, tags),
    ":expected": expectedVersion,
    ":next": expectedVersion + 1,
  };
  const set = [
    "title = :title",
    "content = :content",
    "pinned = :pinned",
    "remoteImages = :remoteImages",
    "updatedAt = :updatedAt",
    "listKey = :listKey",
    "excerpt = :excerpt",
    "searchText = :searchText",
    "version = :next",
  ];
  const tagsValue = tagSet(tags);
  if (tagsValue) {
    set.push("tags = :tags");
    values[":tags"] = tagsValue;
  }
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tables.Notes,
        Key: { userId, noteId },
        UpdateExpression: `SET ${set.join(", ")}${tagsValue ? "" : " REMOVE tags"}`,
        ConditionExpression: "version = :expected AND attribute_not_exists(deletedAt)",
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_NEW",
      }),
    );
    return toNote(Attributes as NoteItem);
  } catch (error) {
    if (isConditionFailure(error)) throw await explainFailedWrite(db, userId, noteId);
    throw error;
  }
}

/** Moves a note to the trash for 30 days. Trashing a trashed note is a no-op (safe to replay). */
export async function trashNote(
  db: Database,
  userId: string,
  noteId: string,
  options: { expectedVersion?: number; now?: Date } = {},
): Promise<Note> {
  const now = options.now ?? new Date();
  const item = await readItem(db, userId, noteId);
  if (!item || isExpired(item, now)) throw notFound();
  if (item.deletedAt) return toNote(item);
  if (options.expectedVersion !== undefined && item.version !== options.expectedVersion) {
    throw await explainFailedWrite(db, userId, noteId);
  }
  const deletedAt = now.toISOString();
  try {
    await sendTransaction(db, {
      TransactItems: [
        {
          Update: {
            TableName: db.tables.Notes,
            Key: { userId, noteId },
            UpdateExpression:
              "SET deletedAt = :deletedAt, expiresAt = :expiresAt, listKey = :listKey",
            ConditionExpression:
              "attribute_exists(noteId) AND attribute_not_exists(deletedAt) AND version = :version",
            ExpressionAttributeValues: {
              ":deletedAt": deletedAt,
              ":expiresAt": Math.floor(now.getTime() / 1000) + trashDays * 86_400,
              ":listKey": trashListKey(deletedAt, noteId),
              ":version": item.version,
            },
          },
        },
        userCounterUpdate(db, userId, { noteCount: -1, trashedNoteCount: 1 }, "trashedNoteCount"),
      ],
    });
  } catch (error) {
    const failed = failedTransactionConditions(error);
    if (failed?.[0]) {
      const current = await readItem(db, userId, noteId);
      if (current?.deletedAt) return toNote(current);
      throw await explainFailedWrite(db, userId, noteId);
    }
    if (failed?.[1]) throw await counterRefusal(db, userId, "trashedNoteCount");
    throw error;
  }
  return { ...toNote(item), deletedAt };
}

/** Brings a trashed note back. Restoring a live note is a no-op (safe to replay). */
export async function restoreNote(
  db: Database,
  userId: string,
  noteId: string,
  now = new Date(),
): Promise<Note> {
  const item = await readItem(db, userId, noteId);
  if (!item || isExpired(item, now)) throw notFound();
  if (!item.deletedAt) return toNote(item);
  try {
    await sendTransaction(db, {
      TransactItems: [
        {
          Update: {
            TableName: db.tables.Notes,
            Key: { userId, noteId },
            UpdateExpression: "SET listKey = :listKey REMOVE deletedAt, expiresAt",
            ConditionExpression: "deletedAt = :deletedAt",
            ExpressionAttributeValues: {
              ":listKey": liveListKey(item.pinned, item.updatedAt, noteId),
              ":deletedAt": item.deletedAt,
            },
          },
        },
        userCounterUpdate(db, userId, { noteCount: 1, trashedNoteCount: -1 }, "noteCount"),
      ],
    });
  } catch (error) {
    const failed = failedTransactionConditions(error);
    if (failed?.[0]) {
      const current = await getNote(db, userId, noteId);
      if (current) return current;
      throw notFound();
    }
    if (failed?.[1]) throw await counterRefusal(db, userId, "noteCount");
    throw error;
  }
  const { deletedAt: _, ...restored } = toNote(item);
  return restored;
}

/** Deletes a trashed note's item for good. Its S3 objects must be gone first (see the service). */
export async function deleteTrashedNote(
  db: Database,
  userId: string,
  noteId: string,
): Promise<void> {
  try {
    await sendTransaction(db, {
      TransactItems: [
        {
          Delete: {
            TableName: db.tables.Notes,
            Key: { userId, noteId },
            ConditionExpression: "attribute_exists(deletedAt)",
          },
        },
        userCounterUpdate(db, userId, { trashedNoteCount: -1 }),
      ],
    });
  } catch (error) {
    if (failedTransactionConditions(error)?.[0]) {
      const item = await readItem(db, userId, noteId);
      if (!item) return; // Already deleted: a replay.
      throw new AppError("conflict", "Only notes in the trash can be deleted for good.");
    }
    throw error;
  }
}

/**
 * Read-modify-write of a note's attachment list, guarded by its own revision counter so text
 * edits (which carry `version`) and attachment changes never overwrite each other.
 */
export async function changeAttachments(
  db: Database,
  userId: string,
  noteId: string,
  change: (current: readonly Attachment[]) => readonly Attachment[],
): Promise<Note> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = await readItem(db, userId, noteId);
    if (!item || item.deletedAt || isExpired(item, new Date())) throw notFound();
    const next = change(item.attachments ?? []);
    try {
      const { Attributes } = await db.client.send(
        new UpdateCommand({
          TableName: db.tables.Notes,
          Key: { userId, noteId },
          UpdateExpression:
            "SET attachments = :attachments, attachmentCount = :count, attachmentsRevision = :next",
          ConditionExpression:
            "attachmentsRevision = :revision AND attribute_not_exists(deletedAt)",
          ExpressionAttributeValues: {
            ":attachments": next,
            ":count": next.length,
            ":revision": item.attachmentsRevision ?? 0,
            ":next": (item.attachmentsRevision ?? 0) + 1,
          },
          ReturnValues: "ALL_NEW",
        }),
      );
      return toNote(Attributes as NoteItem);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new AppError("conflict", "This note's attachments are changing elsewhere; try again.");
}

/** Every note id of a user, trashed or not (for account deletion). */
export async function listAllNoteIds(db: Database, userId: string): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tables.Notes,
        KeyConditionExpression: "userId = :userId",
        ExpressionAttributeValues: { ":userId": userId },
        ProjectionExpression: "noteId",
        ExclusiveStartKey: startKey,
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => String(item.noteId)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return ids;
}

/** Removes every note item of a user (account deletion; objects are removed by prefix). */
export async function deleteAllNotes(db: Database, userId: string): Promise<void> {
  const ids = await listAllNoteIds(db, userId);
  await deleteKeys(
    db,
    db.tables.Notes,
    ids.map((noteId) => ({ userId, noteId })),
  );
}
