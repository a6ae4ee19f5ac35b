import "server-only";
import {
  type ChangeEntry,
  readChanges,
  readFeedHead,
  readRecordRun,
  readRecords,
} from "@/lib/db/changes/queries";
import { toNote } from "@/lib/db/notes/mapping";
import { isExpired } from "@/lib/db/records";
import type { Database } from "@/lib/db/runtime";
import { toTask } from "@/lib/db/tasks/mapping";
import { AppError } from "@/lib/errors";
import type { Note } from "@/lib/notes/types";
import {
  encodeSnapshotPage,
  encodeSyncCursor,
  type SnapshotPosition,
  type SyncCursor,
} from "@/lib/sync/cursor";
import type { ChangesAnswer, SnapshotPage, SyncChange } from "@/lib/sync/types";
import type { Task } from "@/lib/tasks/types";

/**
 * The sync endpoints (issue 13): a paged snapshot of the whole library and the changes after a
 * cursor. The feed itself (numbering, same-transaction writes) is in lib/db/changes.
 */

/**
 * A cursor older than this starts over: changes live 30 days (TTL), and every change after a
 * cursor committed after the cursor was issued, so none of them can have expired yet. The day
 * between covers clocks that disagree and the time a pull takes.
 */
export const changeRetentionSeconds = 29 * 24 * 60 * 60;
/** Changes read per pull: a pull of k changes costs one Query and ⌈k/100⌉ BatchGets. */
export const changesPerPull = 200;
/** Records per snapshot page, and about how many bytes of them (DynamoDB reads ≤ 1 MB a Query). */
export const snapshotPageRecords = 500;
export const pageBytes = 1_000_000;

const epochSeconds = (now: Date) => Math.floor(now.getTime() / 1000);
const startOver = { kind: "start-over" } as const;

function accountGone(): AppError {
  return new AppError("not_found", "This account no longer exists.");
}

const sizeOf = (value: unknown) => JSON.stringify(value).length;

/**
 * One page of the whole library: notes first, then tasks, live and trashed, expired ones left
 * out. The first page reads the feed's head BEFORE any record, so every change committed while
 * the pages are read is after the snapshot's cursor and reaches the device by pulling.
 */
export async function snapshotPage(
  db: Database,
  userId: string,
  page: SnapshotPosition | undefined,
  now = new Date(),
): Promise<SnapshotPage> {
  let position = page;
  if (!position) {
    const t = epochSeconds(now);
    const head = await readFeedHead(db, userId);
    if (!head.exists) throw accountGone();
    position = { s: head.feedSeq, t, n: head.records, p: "notes" };
  }
  const notes: Note[] = [];
  const tasks: Task[] = [];
  let bytes = 0;
  let next: SnapshotPosition | null = null;
  if (position.p === "notes") {
    const run = await readRecordRun(db, userId, "note", position.a, snapshotPageRecords);
    for (const item of run.items) if (!isExpired(item, now)) notes.push(toNote(item));
    bytes = sizeOf(notes);
    if (run.last !== undefined) next = { ...position, a: run.last };
    else position = { s: position.s, t: position.t, n: position.n, p: "tasks" };
  }
  const room = snapshotPageRecords - notes.length;
  if (!next && position.p === "tasks" && room > 0 && bytes < pageBytes / 2) {
    const run = await readRecordRun(db, userId, "task", position.a, room);
    for (const item of run.items) if (!isExpired(item, now)) tasks.push(toTask(item));
    if (run.last !== undefined) next = { ...position, a: run.last };
  } else if (!next && position.p === "tasks") {
    next = position;
  }
  return {
    notes,
    tasks,
    page: next ? encodeSnapshotPage(next) : null,
    cursor: encodeSyncCursor(position),
    total: position.n,
  };
}

/**
 * Every change after `cursor`, in commit order, each with its record as it is now (`null` when
 * it is gone). A record changed several times in one page comes once, at its first change: what
 * it carries is already the newest state. Pages hold at most `changesPerPull` changes and about
 * `pageBytes` of records; `more` says to pull again at once.
 *
 * A pull with nothing new is one consistent Query that reads the cursor's own change (~100
 * bytes: one read unit), whatever the size of the library.
 */
export async function changesSince(
  db: Database,
  userId: string,
  cursor: SyncCursor,
  now = new Date(),
): Promise<ChangesAnswer> {
  // Taken before the read: every change after what it returns commits later than this.
  const issuedAt = epochSeconds(now);
  if (cursor.t < issuedAt - changeRetentionSeconds || cursor.t > issuedAt + 24 * 60 * 60) {
    return startOver;
  }
  const read = await readChanges(db, userId, cursor.s, changesPerPull + 2);
  const fresh = read.filter((entry) => entry.seq > cursor.s);
  if (cursor.s > 0 && read.length === 0) {
    // Not even the cursor's own change: it expired (nothing newer exists), or the cursor is
    // ahead of this feed (not issued for it).
    const head = await readFeedHead(db, userId);
    if (!head.exists) throw accountGone();
    if (cursor.s > head.feedSeq) return startOver;
  }
  const run = fresh.slice(0, changesPerPull);
  const records = await readRecords(db, userId, {
    notes: distinct(run.filter((entry) => entry.kind === "note")),
    tasks: distinct(run.filter((entry) => entry.kind === "task")),
  });
  const changes: SyncChange[] = [];
  const sent = new Set<string>();
  let bytes = 0;
  let last = cursor.s;
  let cut = false;
  for (const entry of run) {
    const key = `${entry.kind}#${entry.recordId}`;
    if (!sent.has(key)) {
      const change = toChange(entry, records, now);
      const size = sizeOf(change);
      if (changes.length > 0 && bytes + size > pageBytes) {
        cut = true;
        break;
      }
      bytes += size;
      sent.add(key);
      changes.push(change);
    }
    last = entry.seq;
  }
  const more = cut || fresh.length > run.length;
  // A cursor that stops short of the feed's end keeps its issue time: the changes after it
  // committed before this pull, maybe long ago, and must not be taken for younger.
  return {
    kind: "changes",
    changes,
    cursor: encodeSyncCursor({ s: last, t: more ? cursor.t : issuedAt }),
    more,
  };
}

function distinct(entries: readonly ChangeEntry[]): string[] {
  return [...new Set(entries.map((entry) => entry.recordId))];
}

function toChange(
  entry: ChangeEntry,
  records: Awaited<ReturnType<typeof readRecords>>,
  now: Date,
): SyncChange {
  if (entry.kind === "note") {
    const item = records.notes.get(entry.recordId);
    const note = item && !isExpired(item, now) ? toNote(item) : null;
    return { seq: entry.seq, kind: "note", id: entry.recordId, note };
  }
  const item = records.tasks.get(entry.recordId);
  const task = item && !isExpired(item, now) ? toTask(item) : null;
  return { seq: entry.seq, kind: "task", id: entry.recordId, task };
}
