/**
 * The search box's language, parsed without the engine (pure, unit-tested): words to find,
 * `#tag` filters and `is:pinned`, `has:file`, `is:task`, `is:done`. Anything else that looks
 * like a filter (`is:nonsense`, a bare `#`) is searched as words, so nothing typed is dropped.
 */
export interface SearchFilters {
  /** Only pinned notes. */
  readonly pinned?: true;
  /** Only notes with an attachment. */
  readonly file?: true;
  /** Only tasks. */
  readonly task?: true;
  /** Only done (completed) tasks. */
  readonly done?: true;
}

export interface ParsedQuery {
  /** The words to find, as typed (the tokenizer cuts them), filters taken out. */
  readonly text: string;
  /** Tags every hit must carry, lower-cased, without the `#`. */
  readonly tags: readonly string[];
  /**
   * The last tag is still being typed (nothing after it yet): it matches tags that begin with
   * it, so `#wo` already narrows to `#work` as you type.
   */
  readonly tagPrefix: boolean;
  readonly filters: SearchFilters;
}

const filterWords: Record<string, keyof SearchFilters> = {
  "is:pinned": "pinned",
  "has:file": "file",
  "has:files": "file",
  "has:attachment": "file",
  "is:task": "task",
  "is:done": "done",
};

/** A tag as notes keep it (lib/notes/tag-schema.ts): no commas, # or control characters. */
const tagWord = /^#+([^\p{Cc},#]+)$/u;

export function parseSearchQuery(input: string): ParsedQuery {
  const words: string[] = [];
  const tags: string[] = [];
  const filters: { -readonly [K in keyof SearchFilters]: true } = {};
  let lastWasTag = false;
  for (const word of input.split(/\s+/)) {
    if (!word) continue;
    lastWasTag = false;
    const filter = filterWords[word.toLowerCase()];
    if (filter) {
      filters[filter] = true;
      continue;
    }
    const tag = tagWord.exec(word)?.[1]?.toLowerCase();
    if (tag) {
      if (!tags.includes(tag)) tags.push(tag);
      lastWasTag = true;
      continue;
    }
    words.push(word);
  }
  // A task is "done" by its status: asking for done tasks asks for tasks.
  if (filters.done) filters.task = true;
  return {
    text: words.join(" "),
    tags,
    tagPrefix: lastWasTag && !/\s$/.test(input),
    filters,
  };
}

/** Whether the query asks for anything at all (words, tags or a filter). */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return !query.text && query.tags.length === 0 && Object.keys(query.filters).length === 0;
}
