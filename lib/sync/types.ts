/**
 * What the sync endpoints answer: the contract between the change feed on the server and the
 * replica on the device. Types and one constant, safe to import anywhere.
 *
 * - `GET /api/sync/snapshot[?page=…]`: the whole library, paged. The first page fixes `cursor`,
 *   read before any record, so every change made while the pages are read is in the feed after it.
 * - `GET /api/sync/changes?cursor=…`: every change after `cursor`, in commit order, paged.
 */
import type { Note } from "@/lib/notes/types";
import type { Task } from "@/lib/tasks/types";

/** One change: the record as it is now, or `null` when it is gone (deleted for good, expired). */
export type SyncChange =
  | { readonly seq: number; readonly kind: "note"; readonly id: string; readonly note: Note | null }
  | {
      readonly seq: number;
      readonly kind: "task";
      readonly id: string;
      readonly task: Task | null;
    };

/**
 * The media type of a snapshot page as gzip'd JSON: asked for in `Accept`, answered in
 * `Content-Type` (see lib/sync/compress.ts for why not Content-Encoding).
 */
export const snapshotGzipType = "application/vnd.jotboard.snapshot+gzip";

export interface SnapshotPage {
  /** Live and trashed notes of this page (a page holds notes first, then tasks). */
  readonly notes: readonly Note[];
  readonly tasks: readonly Task[];
  /** The next page to ask for, or `null` after the last one. */
  readonly page: string | null;
  /** Where to pull changes from once every page is stored (the same on every page). */
  readonly cursor: string;
  /** Records in the whole library when the snapshot started: for a progress indicator. */
  readonly total: number;
}

export type ChangesAnswer =
  | {
      readonly kind: "changes";
      readonly changes: readonly SyncChange[];
      /** Where the next pull starts. */
      readonly cursor: string;
      /** More changes wait after this page: pull again at once. */
      readonly more: boolean;
    }
  /** The cursor is older than the changes kept (or not this feed's): take a new snapshot. */
  | { readonly kind: "start-over" };
