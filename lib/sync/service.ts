import "server-only";
import { accountGone, type ChangeKind } from "@/lib/db/changes/feed";
import { type ChangeEntry, readChanges, readFeedHead, readRecords } from "@/lib/db/changes/queries";
import { toNote } from "@/lib/db/notes/mapping";
import { isExpired } from "@/lib/db/records";
import type { Database } from "@/lib/db/runtime";
import { toTask } from "@/lib/db/tasks/mapping";
import { encodeSyncCursor, type SyncCursor } from "@/lib/sync/cursor";
import type { ChangesAnswer, SyncChange } from "@/lib/sync/types";

/**
 * The sync endpoints (issue 13): the changes after a cursor (the paged snapshot of the whole
 * library is lib/sync/snapshot.ts). The feed itself (numbering, same-transaction writes) is in
 * lib/db/changes.
 */

/**
 * A cursor older than this starts over: changes live 30 days (TTL), and every change after a
 * cursor committed after the cursor was issued, so none of them can have expired yet. The day
 * between covers clocks that disagree and the time a pull takes.
 */
export const changeRetentionSeconds = 29 * 24 * 60 * 60;
/** Changes read per pull: a pull of k changes costs one Query and ⌈k/100⌉ BatchGets. */
export const changesPerPull = 200;
/** About how many bytes of records a pull's page holds (the snapshot's pages: lib/sync/snapshot.ts). */
export const pageBytes = 1_000_000;

const epochSeconds = (now: Date) => Math.floor(now.getTime() / 1000);
const startOver = { kind: "start-over" } as const;

const sizeOf = (value: unknown) => JSON.stringify(value).length;

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
  const changes: SyncChange[] = [];
  const sent = new Set<string>();
  let bytes = 0;
  let last = cursor.s;
  let cut = false;
  // Records are read 100 at a time (one BatchGet), and only while the page has room: a page cut
  // short by large notes does not read the records it will not carry.
  for (let index = 0; index < run.length && !cut; ) {
    const end = nextBatchEnd(run, index, sent);
    const batch = run.slice(index, end);
    const records = await readRecords(db, userId, {
      notes: unsent(batch, "note", sent),
      tasks: unsent(batch, "task", sent),
    });
    for (const entry of batch) {
      const key = keyOf(entry);
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
    index = end;
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

const keyOf = (entry: ChangeEntry) => `${entry.kind}#${entry.recordId}`;

/** Where the run of changes from `start` names 100 records not sent yet (one BatchGet's worth). */
function nextBatchEnd(run: readonly ChangeEntry[], start: number, sent: ReadonlySet<string>) {
  const named = new Set<string>();
  let end = start;
  for (; end < run.length; end++) {
    const key = keyOf(run[end] as ChangeEntry);
    if (sent.has(key) || named.has(key)) continue;
    if (named.size === 100) break;
    named.add(key);
  }
  return end;
}

function unsent(batch: readonly ChangeEntry[], kind: ChangeKind, sent: ReadonlySet<string>) {
  const ids = batch.filter((entry) => entry.kind === kind && !sent.has(keyOf(entry)));
  return [...new Set(ids.map((entry) => entry.recordId))];
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
