/**
 * The engine of search over the replica (issue 14 §1): MiniSearch (BM25 scoring, prefix and
 * fuzzy matching, field boosts, add/discard/replace, ~7 KB gzip) over notes and tasks in one
 * index, with the query language of lib/search/query.ts and snippets. Loaded only with
 * import() (lib/search/load.ts): never in the first paint's bundle.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import { type SearchDoc, sameDoc } from "@/lib/search/documents";
import { isEmptyQuery, type ParsedQuery, parseSearchQuery } from "@/lib/search/query";
import { snippetOf } from "@/lib/search/snippet";
import { hasCjk, tokenize } from "@/lib/search/tokenize";
import type { LibrarySearch, SearchHit, SearchOutcome } from "@/lib/search/types";

const fields = ["title", "text", "tags"];

/** The title counts three times the body; a tag twice (it is a word chosen to find the note). */
const boost = { title: 3, tags: 2 };

const defaultLimit = 50;

function engineOptions() {
  return {
    fields,
    extractField: (doc: SearchDoc, field: string) =>
      field === "tags" ? doc.tags.join(" ") : (doc[field as keyof SearchDoc] as string),
    tokenize: (text: string) => tokenize(text),
    // The tokenizer lower-cases already.
    processTerm: (term: string) => term,
    // Discarded records are cleaned out in the background, in small batches.
    autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 500, batchWait: 10 },
  };
}

function hrefOf(doc: SearchDoc): string {
  return doc.kind === "note"
    ? `/notes/${doc.recordId}`
    : `/tasks?task=${encodeURIComponent(doc.recordId)}`;
}

function accepts(doc: SearchDoc, query: ParsedQuery): boolean {
  const { filters, tags } = query;
  if (filters.task && doc.kind !== "task") return false;
  if (filters.done && doc.status !== "completed") return false;
  if ((filters.pinned || filters.file || tags.length > 0) && doc.kind !== "note") return false;
  if (filters.pinned && !doc.pinned) return false;
  if (filters.file && !doc.hasFile) return false;
  return tags.every((tag, index) =>
    query.tagPrefix && index === tags.length - 1
      ? doc.tags.some((kept) => kept.startsWith(tag))
      : doc.tags.includes(tag),
  );
}

/** Best first; equal scores (e.g. the same words in two notes) newest first. */
function byScoreThenRecent(
  a: { score: number; doc: SearchDoc },
  b: { score: number; doc: SearchDoc },
): number {
  if (Math.abs(a.score - b.score) > 1e-9 * Math.max(a.score, b.score)) return b.score - a.score;
  return a.doc.updatedAt < b.doc.updatedAt ? 1 : a.doc.updatedAt > b.doc.updatedAt ? -1 : 0;
}

export class LibraryIndex implements LibrarySearch {
  private engine: MiniSearch<SearchDoc>;
  private readonly docs = new Map<string, SearchDoc>();

  constructor() {
    this.engine = new MiniSearch<SearchDoc>(engineOptions());
  }

  get size(): number {
    return this.docs.size;
  }

  ids(): IterableIterator<string> {
    return this.docs.keys();
  }

  /**
   * Indexes many documents in the browser's idle time, chunks of `chunkSize` (25 notes: a few
   * ms) for as long as each idle period lasts: building 10,000 notes takes seconds of CPU, which
   * must never sit in front of a click or a key (timers alone ran it across the first
   * navigations). Under constant load a chunk still runs at least once a second.
   */
  async addAll(docs: readonly SearchDoc[], chunkSize = 25): Promise<void> {
    const fresh = docs.filter((doc) => !this.docs.has(doc.id));
    for (let at = 0; at < fresh.length; ) {
      const idle = await idlePeriod();
      do {
        const chunk = fresh.slice(at, at + chunkSize);
        for (const doc of chunk) this.docs.set(doc.id, doc);
        this.engine.addAll(chunk);
        at += chunk.length;
      } while (at < fresh.length && idle.timeRemaining() > 4);
    }
  }

  /** The document under `id` becomes `doc` (added, replaced, or gone when undefined). */
  put(id: string, doc: SearchDoc | undefined): void {
    const kept = this.docs.get(id);
    if (!doc) {
      if (kept) {
        this.engine.discard(id);
        this.docs.delete(id);
      }
      return;
    }
    if (kept && sameDoc(kept, doc)) return;
    if (kept) this.engine.replace(doc);
    else this.engine.add(doc);
    this.docs.set(id, doc);
  }

  search(input: string, options: { limit?: number } = {}): SearchOutcome {
    const limit = options.limit ?? defaultLimit;
    const query = parseSearchQuery(input);
    if (isEmptyQuery(query)) return { hits: [], query: input };
    let found: { score: number; doc: SearchDoc; terms: string[] }[];
    if (query.text) {
      const results: SearchResult[] = this.engine.search(query.text, {
        boost,
        combineWith: "AND",
        // The last word may be the start of a longer one (it is being typed); words before it
        // were ended with a space. Below three letters a prefix matches too much to rank.
        prefix: (term, at, terms) => at === terms.length - 1 && (term.length >= 3 || hasCjk(term)),
        // Typos: one edit from 5 letters, two from 8 (MiniSearch's 0.2 of the length).
        fuzzy: (term) => (term.length >= 5 && !hasCjk(term) ? 0.2 : false),
        maxFuzzy: 2,
        filter: (result) => {
          const doc = this.docs.get(result.id as string);
          return doc !== undefined && accepts(doc, query);
        },
      });
      // MiniSearch sorts by score: only the first `limit` (and any tied with the last of them)
      // need the recent-first tie-break, not every match (10,000 for a word in every note).
      let end = Math.min(limit, results.length);
      const last = results[end - 1]?.score;
      while (end < results.length && results[end]?.score === last) end++;
      found = results.slice(0, end).map((result) => ({
        score: result.score,
        doc: this.docs.get(result.id as string) as SearchDoc,
        terms: result.terms,
      }));
      found.sort(byScoreThenRecent);
    } else {
      found = newest(this.docs.values(), (doc) => accepts(doc, query), limit).map((doc) => ({
        score: 0,
        doc,
        terms: [],
      }));
    }
    const hits = found.slice(0, limit).map(({ score, doc, terms }) => hitOf(doc, score, terms));
    return { hits, query: input };
  }

  /** The engine's index as JSON (what persisting it would store). */
  toJSON(): string {
    return JSON.stringify(this.engine);
  }

  /** An index from `toJSON()`'s output and the documents it was built from. */
  static fromJSON(json: string, docs: readonly SearchDoc[]): LibraryIndex {
    const index = new LibraryIndex();
    index.engine = MiniSearch.loadJSON<SearchDoc>(json, engineOptions());
    for (const doc of docs) index.docs.set(doc.id, doc);
    return index;
  }
}

/** The browser's next idle period; elsewhere (Node: tests, the bench) the next turn. */
function idlePeriod(): Promise<{ timeRemaining(): number }> {
  if (typeof requestIdleCallback === "function") {
    return new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1_000 }));
  }
  return new Promise((resolve) => setTimeout(() => resolve({ timeRemaining: () => 0 }), 0));
}

/** The `limit` newest documents `accepts` lets through, newest first, without sorting them all. */
function newest(
  docs: Iterable<SearchDoc>,
  accepts: (doc: SearchDoc) => boolean,
  limit: number,
): SearchDoc[] {
  const kept: SearchDoc[] = [];
  for (const doc of docs) {
    if (!accepts(doc)) continue;
    if (kept.length === limit && (kept[limit - 1] as SearchDoc).updatedAt >= doc.updatedAt)
      continue;
    let at = kept.length;
    while (at > 0 && (kept[at - 1] as SearchDoc).updatedAt < doc.updatedAt) at--;
    kept.splice(at, 0, doc);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

function hitOf(doc: SearchDoc, score: number, terms: readonly string[]): SearchHit {
  const { snippet, highlights } = snippetOf(doc.text, terms);
  return {
    kind: doc.kind,
    id: doc.recordId,
    title: doc.title,
    href: hrefOf(doc),
    snippet,
    highlights,
    score,
    updatedAt: doc.updatedAt,
    ...(doc.kind === "note" ? { pinned: doc.pinned, tags: doc.tags } : { status: doc.status }),
  };
}
