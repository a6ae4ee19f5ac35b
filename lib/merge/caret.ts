/**
 * Where the caret goes when the text under it is replaced by another device's edits merged in
 * (issue 13 §4): the person keeps typing at the same place in their own words. Pure.
 */
export function keptCaret(before: string, after: string, caret: number): number {
  if (before === after) return caret;
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  // Everything that changed is after the caret, or before it.
  if (caret <= prefix) return caret;
  if (caret >= before.length - suffix) return caret + after.length - before.length;
  // Changes on both sides of it: find the words just before the caret in the new text.
  // Longest first: a long context is surer, a short one may miss the changes before it.
  for (const length of [48, 24, 12, 6]) {
    const context = before.slice(Math.max(0, caret - length), caret);
    const at = after.indexOf(context);
    if (at !== -1 && after.indexOf(context, at + 1) === -1) return at + context.length;
  }
  return Math.min(caret, after.length);
}
