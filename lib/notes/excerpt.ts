/** How much of a note a card shows. */
export const excerptLength = 200;

const tableDivider = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const fence = /^\s{0,3}(`{3,}|~{3,})/;
const thematicBreak = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const setextUnderline = /^\s{0,3}(=+|-+)\s*$/;

// Escaped characters are set aside while markers are stripped, then put back as themselves.
const escaped = /\\([\\`*_{}[\]()#+\-.!|~>])/g;
const setAside = /\uE000(\d+)\uE001/g;

/** One line of markdown as the words a reader sees. */
function plainLine(line: string): string {
  let text = line.replace(escaped, (_, char: string) => `\uE000${char.charCodeAt(0)}\uE001`);
  // Table rows: the cells' words, without the pipes around them.
  if (/^\s*\|/.test(text) || /\S\s*\|\s*\S/.test(text)) {
    text = text
      .split("|")
      .map((cell) => cell.trim())
      .filter(Boolean)
      .join(" ");
  }
  return (
    text
      // Block markers: headings, quotes, list bullets and numbers, task boxes.
      .replace(/^\s*(>\s*)+/, "")
      .replace(/^\s{0,3}#{1,6}(\s+|$)/, "")
      .replace(/\s+#+\s*$/, "")
      .replace(/^\s*([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?/, "")
      // Images and links keep their text; autolinks and raw HTML tags go.
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, "$1")
      .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
      .replace(/<\/?[A-Za-z][^>]*>/g, "")
      // Emphasis, strike-through and code marks; underscores inside words are just letters.
      .replace(/(\*\*|~~|\*|`+)(?=\S)(.*?\S)\1/g, "$2")
      .replace(/(?<![\p{L}\p{N}])(__|_)(?=\S)(.*?\S)\1(?![\p{L}\p{N}])/gu, "$2")
      .replace(/`+/g, "")
      .replace(setAside, (_, code: string) => String.fromCharCode(Number(code)))
  );
}

/**
 * A note's text as a card shows it: plain words, no markdown syntax (headings, emphasis, links,
 * images, lists, quotes, tables, code fences, rules, reference definitions), spaces collapsed,
 * cut at `excerptLength` characters.
 */
export function excerptOf(markdown: string): string {
  const words: string[] = [];
  let open: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const marker = fence.exec(line)?.[1];
    if (marker) {
      if (open === undefined) open = marker[0];
      else if (marker[0] === open) open = undefined;
      continue;
    }
    if (open !== undefined) {
      words.push(line);
      continue;
    }
    if (tableDivider.test(line) && line.includes("-")) continue;
    if (thematicBreak.test(line) || setextUnderline.test(line)) continue;
    if (/^\s{0,3}\[[^\]]+\]:\s+\S/.test(line)) continue;
    words.push(plainLine(line));
  }
  return words.join(" ").replace(/\s+/g, " ").trim().slice(0, excerptLength);
}
