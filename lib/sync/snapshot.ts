import "server-only";
import { accountGone } from "@/lib/db/changes/feed";
import { type RecordRun, readFeedHead, readRecordRun } from "@/lib/db/changes/queries";
import type { NoteItem } from "@/lib/db/notes/mapping";
import { toNote } from "@/lib/db/notes/mapping";
import { isExpired } from "@/lib/db/records";
import type { Database } from "@/lib/db/runtime";
import type { TaskItem } from "@/lib/db/tasks/mapping";
import { toTask } from "@/lib/db/tasks/mapping";
import type { Note } from "@/lib/notes/types";
import { encodeSnapshotPage, encodeSyncCursor, type SnapshotPosition } from "@/lib/sync/cursor";
import type { SnapshotPage } from "@/lib/sync/types";
import type { Task } from "@/lib/tasks/types";

/**
 * The snapshot of the whole library (issue 13 §2), paged: notes first, then tasks, live and
 * trashed, expired ones left out. The first page reads the feed's head BEFORE any record, so
 * every change committed while the pages are read is after the snapshot's cursor and reaches
 * the device by pulling.
 *
 * A page is as many Queries of DynamoDB's own 1 MB pages as fit under `snapshotPageBytes` of
 * JSON: the HTTP pages are few (each costs a session check and a round trip), and the Queries
 * read exactly what the floor of "Query every item once" reads. The page is streamed: each
 * Query's records are serialised and written out (compression, the wire) while the next Query
 * runs: it is sent as soon as the last one answered, whenever both fit in the page.
 */

/**
 * The most JSON a snapshot page holds. Large enough that a page is a few DynamoDB pages, small
 * enough that a buffered Lambda answer (6 MB, base64 when compressed) always carries it.
 */
export const snapshotPageBytes = 4_000_000;
/**
 * The most JSON one Query's records make: DynamoDB reads ≤ 1 MB of items a Query, and their
 * JSON is about their stored size (names and quotes beside values, escapes in text). A page
 * sends another Query only while this much room is left, so it seldom cuts records it read.
 */
export const queryJsonBytes = 1_100_000;

/** How a page is cut (tests page small libraries with smaller ones). */
export interface SnapshotLimits {
  /** The page's byte cap. */
  readonly pageBytes: number;
  /** The most JSON one Query's records make. */
  readonly queryBytes: number;
  /** Records a Query reads at most; none: as many as DynamoDB's 1 MB holds. */
  readonly queryRecords?: number;
}

const defaultLimits: SnapshotLimits = { pageBytes: snapshotPageBytes, queryBytes: queryJsonBytes };

/** What a page is made of, in the order it is written. */
export type SnapshotPart =
  | { readonly kind: "start"; readonly cursor: string; readonly total: number }
  /** Records of one Query, each with its JSON (written as is, so serialised once). */
  | { readonly kind: "notes"; readonly records: readonly Note[]; readonly json: readonly string[] }
  | { readonly kind: "tasks"; readonly records: readonly Task[]; readonly json: readonly string[] }
  | { readonly kind: "end"; readonly page: string | null };

type Run =
  | { readonly p: "notes"; readonly run: RecordRun<NoteItem> }
  | { readonly p: "tasks"; readonly run: RecordRun<TaskItem> };

function readRun(
  db: Database,
  userId: string,
  position: SnapshotPosition,
  limit: number | undefined,
): Promise<Run> {
  const read: Promise<Run> =
    position.p === "notes"
      ? readRecordRun(db, userId, "note", position.a, limit).then((run) => ({ p: "notes", run }))
      : readRecordRun(db, userId, "task", position.a, limit).then((run) => ({ p: "tasks", run }));
  // Read ahead: a page abandoned meanwhile (the device went away) never awaits it, and its
  // failure must not surface as an unhandled rejection.
  read.catch(() => undefined);
  return read;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * One page, part by part. The next Query is sent before the records of the last one are handed
 * on, so the caller's work on them (writing, compressing, sending) overlaps DynamoDB's. The
 * first part comes once the first Query answered: a failed read is an error of the request.
 */
export async function* snapshotParts(
  db: Database,
  userId: string,
  page: SnapshotPosition | undefined,
  now = new Date(),
  limits: SnapshotLimits = defaultLimits,
): AsyncGenerator<SnapshotPart, void, undefined> {
  let position: SnapshotPosition = page ?? (await firstPosition(db, userId, now));
  const start = {
    kind: "start",
    cursor: encodeSyncCursor(position),
    total: position.n,
  } as const;
  // The JSON around the records (keys, cursor, next page token) is under 1 KB.
  let bytes = 1_024;
  let pending: Promise<Run> | undefined = readRun(db, userId, position, limits.queryRecords);
  let started = false;
  let next: SnapshotPosition | null = null;
  while (pending) {
    const { p, run } = await pending;
    pending = undefined;
    if (!started) {
      started = true;
      yield start;
    }
    const base = { s: position.s, t: position.t, n: position.n };
    const following: SnapshotPosition | undefined =
      run.last !== undefined
        ? { ...base, p, a: run.last }
        : p === "notes"
          ? { ...base, p: "tasks" }
          : undefined;
    // Room for this Query's records and the next one's, each at most `queryBytes`: the next
    // Query runs while these are written.
    if (following && bytes + 2 * limits.queryBytes <= limits.pageBytes) {
      pending = readRun(db, userId, following, limits.queryRecords);
    }
    const records: (Note | Task)[] = [];
    const json: string[] = [];
    let cut = false;
    for (const item of run.items as (NoteItem | TaskItem)[]) {
      if (isExpired(item, now)) continue;
      const record = p === "notes" ? toNote(item as NoteItem) : toTask(item as TaskItem);
      const text = JSON.stringify(record);
      const size = utf8Bytes(text) + 1;
      // The hard cap: a page always carries one record (no record nears it: items are ≤ 400 KB).
      if (bytes + size > limits.pageBytes && bytes > 1_024) {
        cut = true;
        break;
      }
      bytes += size;
      records.push(record);
      json.push(text);
    }
    if (cut) {
      // Past the cap (records far larger as JSON than as items): the next page reads again from
      // the last record sent, or this Query's start; a Query read ahead is not sent.
      pending = undefined;
      const a = lastIdOf(records, p) ?? position.a;
      next = { ...base, p, ...(a !== undefined && { a }) };
    } else if (following) {
      position = following;
      // The next Query is on its way already, or goes now if its records fit.
      if (!pending && bytes + limits.queryBytes <= limits.pageBytes) {
        pending = readRun(db, userId, position, limits.queryRecords);
      } else if (!pending) next = position;
    }
    if (records.length > 0) {
      yield p === "notes"
        ? { kind: "notes", records: records as Note[], json }
        : { kind: "tasks", records: records as Task[], json };
    }
  }
  yield { kind: "end", page: next ? encodeSnapshotPage(next) : null };
}

/** A new snapshot's position: the feed's head, read before any record. */
async function firstPosition(db: Database, userId: string, now: Date): Promise<SnapshotPosition> {
  const t = Math.floor(now.getTime() / 1000);
  const head = await readFeedHead(db, userId);
  if (!head.exists) throw accountGone();
  return { s: head.feedSeq, t, n: head.records, p: "notes" };
}

function lastIdOf(records: readonly (Note | Task)[], p: "notes" | "tasks"): string | undefined {
  const last = records.at(-1);
  if (!last) return undefined;
  return p === "notes" ? (last as Note).noteId : (last as Task).taskId;
}

/** A whole page as one object (what the JSON of `snapshotStream` parses to). */
export async function snapshotPage(
  db: Database,
  userId: string,
  page: SnapshotPosition | undefined,
  now = new Date(),
  limits: SnapshotLimits = defaultLimits,
): Promise<SnapshotPage> {
  const notes: Note[] = [];
  const tasks: Task[] = [];
  let cursor = "";
  let total = 0;
  let next: string | null = null;
  for await (const part of snapshotParts(db, userId, page, now, limits)) {
    if (part.kind === "start") ({ cursor, total } = part);
    else if (part.kind === "notes") notes.push(...part.records);
    else if (part.kind === "tasks") tasks.push(...part.records);
    else next = part.page;
  }
  return { notes, tasks, page: next, cursor, total };
}

/**
 * A page as a stream of JSON text, written as its Queries answer. The head and the first Query
 * are read before this resolves, so a missing account or an outage is the request's error
 * status; a read that fails later cuts the stream short (the device sees a failed request and
 * asks for the same page again).
 */
export async function snapshotStream(
  db: Database,
  userId: string,
  page: SnapshotPosition | undefined,
  now = new Date(),
  limits: SnapshotLimits = defaultLimits,
): Promise<ReadableStream<Uint8Array>> {
  const parts = snapshotParts(db, userId, page, now, limits);
  const first = await parts.next();
  const encoder = new TextEncoder();
  let section: "notes" | "tasks" = "notes";
  let empty = true;
  const textOf = (part: SnapshotPart): string => {
    switch (part.kind) {
      case "start":
        return `{"cursor":${JSON.stringify(part.cursor)},"total":${part.total},"notes":[`;
      case "notes":
      case "tasks": {
        const open = part.kind === "tasks" && section === "notes" ? '],"tasks":[' : "";
        if (open) {
          section = "tasks";
          empty = true;
        }
        const text = `${open}${empty ? "" : ","}${part.json.join(",")}`;
        empty = false;
        return text;
      }
      case "end":
        return `${section === "notes" ? '],"tasks":[' : ""}],"page":${JSON.stringify(part.page)}}`;
    }
  };
  let pending: IteratorResult<SnapshotPart, void> | undefined = first;
  // The device went away (a closed tab) while a Query ran: what it answers goes nowhere.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const result = pending ?? (await parts.next());
        pending = undefined;
        if (cancelled) return;
        if (result.done) controller.close();
        else controller.enqueue(encoder.encode(textOf(result.value)));
      } catch (error) {
        if (cancelled) return;
        console.error(error);
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await parts.return(undefined);
    },
  });
}
