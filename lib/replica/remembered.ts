/**
 * The last answer of each named replica query, kept while nothing it depends on changed: a view
 * mounted again (a navigation back to the notes list) draws it in its first render instead of
 * after an IndexedDB read. Any change of the kinds an answer depends on forgets it, and an answer
 * read across a change is never kept (it may predate the change).
 */
import { onReplicaChange } from "@/lib/replica/changes";

/** What an answer depends on: a change naming records of these kinds makes it stale. */
export type RecordKinds = readonly ("notes" | "tasks")[];

interface Kept {
  readonly value: unknown;
  readonly kinds: RecordKinds;
}

const kept = new Map<string, Kept>();
let changes = 0;
let watching = false;

function watch() {
  if (watching) return;
  watching = true;
  onReplicaChange((change) => {
    changes++;
    for (const [key, entry] of kept) {
      if (change.all || entry.kinds.some((kind) => change[kind].length > 0)) kept.delete(key);
    }
  });
}

/** Where reading starts: pass it back to `keepAnswer` with what was read. */
export function readingStarts(): number {
  watch();
  return changes;
}

/** Keeps `value` under `key`, unless the replica changed since `since`. */
export function keepAnswer(key: string, value: unknown, kinds: RecordKinds, since: number): void {
  if (since === changes) kept.set(key, { value, kinds });
}

/** The kept answer under `key`, as `{ value }` (a kept answer may itself be `undefined`). */
export function keptAnswer<T>(key: string): { readonly value: T } | undefined {
  const entry = kept.get(key);
  return entry && { value: entry.value as T };
}
