import "server-only";
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { encodeCursor } from "@/lib/db/cursor";
import type { Database } from "@/lib/db/runtime";

type Item = Record<string, unknown>;

/**
 * Query rounds one page may read. A filter that matches little stops here with a short (maybe
 * empty) page and a cursor where reading stopped, instead of reading the whole partition in
 * one request.
 */
export const maxPageRounds = 5;

export interface PageQuery<T> {
  /** The Query, with `ExclusiveStartKey` from the caller's decoded cursor. */
  readonly input: QueryCommandInput;
  readonly limit: number;
  /** The cursor kind (`notes:live`, `tasks:column`…) `decodeCursor` checks on the way back. */
  readonly kind: string;
  /** The cursor key of an item: the attributes of the table or index key. */
  readonly keyOf: (item: Item) => Record<string, unknown>;
  readonly map: (item: Item) => T;
  /** Items a round reads at least: a selective filter wants more than the page. */
  readonly readAtLeast?: number;
  /**
   * A filter DynamoDB cannot express (case-insensitive text), applied to each item read after
   * the Query's own `FilterExpression`. Items it drops cost what filtered items cost: read units.
   */
  readonly keep?: (item: Item) => boolean;
}

/**
 * One page of a Query, filtered or not. Reads one item past the page to know whether another
 * page exists, so the cursor is the key of the last item returned: pages never skip or repeat,
 * and a page that ends the list has no cursor. Reads at most `maxPageRounds` rounds.
 */
export async function queryPage<T>(
  db: Database,
  query: PageQuery<T>,
): Promise<{ items: T[]; nextCursor?: string }> {
  const items: Item[] = [];
  const done = () => items.map(query.map);
  let startKey = query.input.ExclusiveStartKey;
  for (let round = 0; round < maxPageRounds; round++) {
    const page = await db.client.send(
      new QueryCommand({
        ...query.input,
        ExclusiveStartKey: startKey,
        Limit: Math.max(query.limit + 1, query.readAtLeast ?? 0),
      }),
    );
    for (const item of page.Items ?? []) {
      if (query.keep && !query.keep(item)) continue;
      if (items.length === query.limit) {
        const last = items[items.length - 1] as Item;
        return { items: done(), nextCursor: encodeCursor(query.kind, query.keyOf(last)) };
      }
      items.push(item);
    }
    startKey = page.LastEvaluatedKey;
    if (!startKey) return { items: done() };
  }
  return { items: done(), nextCursor: encodeCursor(query.kind, startKey) };
}

/**
 * Every item a Query matches, page after page to the end: for work that must see all of a
 * user's partition (account deletion, the tasks linked to a note). Its cost grows with that
 * user's own items, never with other users'.
 */
export async function walkPartition(db: Database, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let startKey = input.ExclusiveStartKey;
  do {
    const page = await db.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
