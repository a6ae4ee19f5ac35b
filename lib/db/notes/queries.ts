import "server-only";
import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { getKeys } from "@/lib/db/batch";
import { type CursorSpec, decodeCursor } from "@/lib/db/cursor";
import { matchesWords, type NoteItem, readNote, toCard, toNote } from "@/lib/db/notes/mapping";
import { queryPage } from "@/lib/db/paging";
import { isExpired } from "@/lib/db/records";
import type { Database } from "@/lib/db/runtime";
import type { Note, NoteCard, Page } from "@/lib/notes/types";

/** A note of this user, or undefined (missing, another user's, trashed unless asked, or expired). */
export async function getNote(
  db: Database,
  userId: string,
  noteId: string,
  options: { includeTrashed?: boolean; now?: Date } = {},
): Promise<Note | undefined> {
  const item = await readNote(db, userId, noteId, options.now ?? new Date());
  if (!item || (item.deletedAt && !options.includeTrashed)) return undefined;
  return toNote(item);
}

/**
 * The titles of some of this user's live notes, by id. Ids that are missing, trashed, expired
 * or not this user's are simply absent: keys are built from `userId`, so another user's note is
 * never read.
 */
export async function getNoteTitles(
  db: Database,
  userId: string,
  noteIds: readonly string[],
  now = new Date(),
): Promise<Record<string, string>> {
  const keys = [...new Set(noteIds)].map((noteId) => ({ userId, noteId }));
  const items = await getKeys(db, db.tables.Notes, keys, "noteId, title, deletedAt, expiresAt");
  const titles: Record<string, string> = {};
  for (const item of items as Partial<NoteItem>[]) {
    if (item.noteId && !item.deletedAt && !isExpired(item, now)) {
      titles[item.noteId] = item.title ?? "";
    }
  }
  return titles;
}

/** Items a filtered notes query reads per round: a search may match few of them. */
const notesPerRound = 50;

function notesPage(
  db: Database,
  input: QueryCommandInput,
  options: ListOptions,
  spec: CursorSpec,
  keyOf: (item: Record<string, unknown>) => Record<string, unknown>,
  keep?: (item: Record<string, unknown>) => boolean,
): Promise<Page<NoteCard>> {
  return queryPage(db, {
    input: { ...input, ExclusiveStartKey: decodeCursor(options.cursor, spec) },
    limit: options.limit ?? 30,
    kind: spec.kind,
    keyOf,
    map: (item) => toCard(item as unknown as NoteItem),
    readAtLeast: notesPerRound,
    ...(keep && { keep }),
  });
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
  const prefix = options.trash ? "trash#" : "live#";
  const values: Record<string, unknown> = {
    ":userId": userId,
    ":prefix": prefix,
    ":now": Math.floor(now.getTime() / 1000),
  };
  addTagFilters(options.tags, filters, values);
  return notesPage(
    db,
    {
      TableName: db.tables.Notes,
      IndexName: "ByList",
      KeyConditionExpression: "userId = :userId AND begins_with(listKey, :prefix)",
      FilterExpression: filters.join(" AND "),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    options,
    {
      kind: options.trash ? "notes:trash" : "notes:live",
      attributes: ["userId", "noteId", "listKey"],
      owner: { userId },
      prefixes: { listKey: prefix },
    },
    (item) => ({ userId, noteId: item.noteId, listKey: item.listKey }),
  );
}

/** What a search reads of each item: the card and the text it matches, no attachment list. */
const searchAttributes = [
  "noteId",
  "title",
  "content",
  "tags",
  "excerpt",
  "pinned",
  "attachmentCount",
  "createdAt",
  "updatedAt",
  "version",
  "deletedAt",
];

/**
 * Notes containing every word (case-insensitive) in title, content or tags, newest first: the
 * server's search, for clients without a replica (the API, a first visit's `?q=` page); a device
 * with the replica searches it locally (lib/search).
 *
 * No index can answer substring search, so this reads the user's own partition of the base
 * table, newest first, and matches each item as it reads it (`matchesWords`: DynamoDB's
 * `contains` is case-sensitive, and the body is stored once, as written). Trash, expiry and
 * `#tag` filters stay in the Query's FilterExpression. Its cost grows with the user's notes,
 * never with other users'.
 *
 * Cost (measured in bench/cost.ts, section 2c). A Query is billed on the size of every item it
 * reads, before the filter and the projection, at 0.5 RCU per 4 KB (eventually consistent).
 * A page request reads at most `maxPageRounds` (5) Queries of `notesPerRound` (50) items, so
 * it is bounded: with 1 KB bodies ~48 RCU and 5 Queries per page; with 80 KB bodies DynamoDB's
 * 1 MB per Query stops each round at ~12 items, so at most ~650 RCU. A search that matches
 * nothing, whose client follows every cursor, reads the whole partition: for 10,000 notes of
 * 1 KB ~1,900 RCU in 201 Queries over 41 page requests (with the `searchText` copy it was
 * ~3,200); for large bodies half what it was. What was chosen to bound it: the page cap above
 * (per request; no cap on a whole walk, which only a client without a replica makes), and a
 * ProjectionExpression (`searchAttributes`) that keeps the attachment list, list key and any old
 * `searchText` off the wire; a projection does not lower the read units (DynamoDB bills what it
 * reads, not what it returns), and the ByList index cannot answer (it has no body).
 */
export async function searchNotes(
  db: Database,
  userId: string,
  words: readonly string[],
  options: ListOptions = {},
): Promise<Page<NoteCard>> {
  const now = options.now ?? new Date();
  const wanted = words.map((word) => word.toLowerCase());
  const filters = [
    options.trash ? "attribute_exists(deletedAt)" : "attribute_not_exists(deletedAt)",
    "(attribute_not_exists(expiresAt) OR expiresAt > :now)",
  ];
  const values: Record<string, unknown> = {
    ":userId": userId,
    ":now": Math.floor(now.getTime() / 1000),
  };
  addTagFilters(options.tags, filters, values);
  return notesPage(
    db,
    {
      TableName: db.tables.Notes,
      KeyConditionExpression: "userId = :userId",
      FilterExpression: filters.join(" AND "),
      ProjectionExpression: searchAttributes.map((_, index) => `#p${index}`).join(", "),
      ExpressionAttributeNames: Object.fromEntries(
        searchAttributes.map((name, index) => [`#p${index}`, name]),
      ),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    options,
    {
      kind: options.trash ? "notes:search-trash" : "notes:search",
      attributes: ["userId", "noteId"],
      owner: { userId },
    },
    (item) => ({ userId, noteId: item.noteId }),
    (item) => matchesWords(item as Partial<NoteItem>, wanted),
  );
}
