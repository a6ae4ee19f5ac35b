/**
 * A hit's snippet: plain text around the first place a matched term occurs, with where each
 * matched word stands in it. Pure (unit-tested through the index tests).
 */
import { excerptOf } from "@/lib/notes/excerpt";
import { hasCjk } from "@/lib/search/tokenize";

/** How far before the first match the snippet starts, and how long the raw window is. */
const lead = 50;
const window = 260;

const wordChar = /[\p{L}\p{M}\p{N}_]/u;

export interface Snippet {
  readonly snippet: string;
  readonly highlights: readonly (readonly [number, number])[];
}

function firstMatch(lower: string, terms: readonly string[]): number {
  let first = -1;
  for (const term of terms) {
    const at = lower.indexOf(term);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
}

/** Every [start, end) of `terms` in `text`: whole words for Latin terms, anywhere for CJK. */
export function highlightsIn(text: string, terms: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  // Lower-casing changed lengths (rare letters): offsets would not line up, so no marks.
  if (lower.length !== text.length) return [];
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    const cjk = hasCjk(term);
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
      const end = at + term.length;
      if (!cjk && (wordChar.test(lower[at - 1] ?? "") || wordChar.test(lower[end] ?? ""))) {
        continue;
      }
      ranges.push([at, end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  // Overlapping bigrams ("会议", "议记") mark one stretch.
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export function snippetOf(text: string, terms: readonly string[]): Snippet {
  const at = firstMatch(text.toLowerCase(), terms);
  let start = Math.max(0, at - lead);
  // Start at a word, not inside one.
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space >= 0 && space < at) start = space + 1;
  }
  const plain = excerptOf(text.slice(start, start + window));
  const snippet = start > 0 && plain ? `…${plain}` : plain;
  return { snippet, highlights: at < 0 ? [] : highlightsIn(snippet, terms) };
}
