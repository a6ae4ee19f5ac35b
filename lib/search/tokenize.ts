/**
 * The one tokenizer of search, used for the index and for queries alike (so both cut text the
 * same way), lower-casing every term.
 *
 * Text is cut at whitespace first; each piece is then cut on its own, so a piece gives the same
 * terms wherever it stands (in a note or in a query). A piece of Latin, Greek or Cyrillic letters,
 * digits and punctuation takes a fast path (a regular expression: ~25× faster than the segmenter,
 * which matters for 10 MB of notes); any other piece (Chinese, Japanese, Korean, Thai, …) goes
 * through `Intl.Segmenter` (Unicode word boundaries with the dictionaries of scripts written
 * without spaces).
 *
 * Chinese, Japanese and Korean words then become overlapping character bigrams of each run of
 * CJK characters (one character when the run is one long), as Lucene's CJK analyzer does. The
 * segmenter's dictionary words depend on context ("会议" alone is one word, but inside "开会议"
 * it may be cut "开会|议"), so a query segmented on its own could miss the very text it was
 * copied from; bigrams of the run are the same wherever the text stands. Korean words carry their
 * particles ("회의록을"): bigrams find "회의록" inside them too.
 */
const cjkChar = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]/u;
/** Pieces the fast path cuts: letters of scripts with spaces between words, digits, marks. */
const simplePiece = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}\p{M}\p{P}\p{S}]+$/u;
/** Text made only of simple pieces (the common case): one pass over all of it. */
const notSimple = /[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}\p{M}\p{P}\p{S}\s]/u;
/** A word of a simple piece: `don't`, `3.14`, `u.s.a` and `foo_bar` stay one term. */
const simpleWord = /[\p{L}\p{M}\p{N}_]+(?:['’.][\p{L}\p{M}\p{N}_]+)*/gu;
/** Hyphenated words are also found written as one ("wifi" finds "Wi-Fi"). */
const hyphenated = /[\p{L}\p{M}\p{N}]+(?:[-‐][\p{L}\p{M}\p{N}]+)+/gu;

let segmenter: Intl.Segmenter | undefined;

function bigrams(run: readonly string[], into: string[]) {
  if (run.length === 1) into.push(run[0] as string);
  for (let at = 0; at + 1 < run.length; at++) into.push(`${run[at]}${run[at + 1]}`);
}

function segmentPiece(piece: string, terms: string[]) {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  let run: string[] = [];
  let runEnd = -1;
  const flush = () => {
    if (run.length > 0) bigrams(run, terms);
    run = [];
  };
  for (const { segment, index, isWordLike } of segmenter.segment(piece)) {
    if (!isWordLike) {
      flush();
      continue;
    }
    if (!cjkChar.test(segment)) {
      flush();
      terms.push(segment.toLowerCase());
      continue;
    }
    // A CJK run goes on across adjacent segments ("東京" + "タワー").
    if (index !== runEnd) flush();
    let other = "";
    for (const char of segment) {
      if (cjkChar.test(char)) {
        if (other) terms.push(other.toLowerCase());
        other = "";
        run.push(char);
      } else {
        flush();
        other += char;
      }
    }
    if (other) terms.push(other.toLowerCase());
    runEnd = index + segment.length;
  }
  flush();
}

function simpleTerms(text: string, terms: string[]) {
  const lower = text.toLowerCase();
  for (const [word] of lower.matchAll(simpleWord)) terms.push(word);
  if (lower.includes("-") || lower.includes("‐")) {
    for (const [word] of lower.matchAll(hyphenated)) terms.push(word.replace(/[-‐]/g, ""));
  }
}

export function tokenize(text: string): string[] {
  const terms: string[] = [];
  // Neither regular expression crosses whitespace: one pass over the whole text cuts each piece
  // as a pass per piece would (~10× faster on 10 MB of notes).
  if (!notSimple.test(text)) {
    simpleTerms(text, terms);
    return terms;
  }
  for (const piece of text.split(/\s+/)) {
    if (!piece) continue;
    if (simplePiece.test(piece)) simpleTerms(piece, terms);
    else segmentPiece(piece, terms);
  }
  return terms;
}

/** Whether `term` holds CJK characters (a bigram: fuzzy matching makes no sense for it). */
export function hasCjk(term: string): boolean {
  return cjkChar.test(term);
}
