import { diff3Merge } from "node-diff3";

/**
 * Three-way merge of a text by lines: `mine` and `theirs` both started from `base`. Answers the
 * merged text when their edits touch different lines, undefined when they overlap (the person
 * chooses). The same change made on both sides is not an overlap.
 */
export function mergeText(base: string, mine: string, theirs: string): string | undefined {
  if (mine === theirs || theirs === base) return mine;
  if (mine === base) return theirs;
  const regions = diff3Merge(mine.split("\n"), base.split("\n"), theirs.split("\n"), {
    excludeFalseConflicts: true,
  });
  const lines: string[] = [];
  for (const region of regions) {
    if (region.conflict || !region.ok) return undefined;
    lines.push(...region.ok);
  }
  return lines.join("\n");
}
