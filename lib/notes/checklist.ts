/**
 * Task-list lines (`- [ ] text`, `1. [x] text`) of a markdown note: finding them and ticking
 * them in place. Pure string work, shared by the preview (browser) and the services (server).
 */

export interface ChecklistItem {
  /** 1-based line number in the note, so equal texts stay distinct. */
  readonly line: number;
  readonly text: string;
  readonly checked: boolean;
}

/** Where the preview found a task-list item: its list item's start (1-based line and column). */
export interface SourcePoint {
  readonly line: number;
  readonly column: number;
}

// Any quote and indent prefix, a bullet or number, then `[ ]`/`[x]` and some text.
const itemLine = /^((?:[ \t]*>)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[([ xX])\][ \t]+(\S.*?)\s*$/;
// The same, read from the list item's own column (after any quote or outer list prefix).
const itemAtColumn = /^((?:[-*+]|\d{1,9}[.)])[ \t]+)\[([ xX])\](?=[ \t])/;

/** The task-list items of a note, outside code fences, in order. */
export function checklistItems(markdown: string): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  let fence: string | undefined;
  markdown.split("\n").forEach((raw, index) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (marker) {
      if (fence === undefined) fence = marker[0];
      else if (marker[0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const match = itemLine.exec(raw);
    if (match?.[3]) {
      items.push({ line: index + 1, text: match[3], checked: match[2] !== " " });
    }
  });
  return items;
}

function withMark(line: string, at: number, checked: boolean): string {
  return `${line.slice(0, at)}${checked ? "x" : " "}${line.slice(at + 1)}`;
}

/**
 * Ticks (or unticks) the one task-list item that starts at `point`, as the preview located it.
 * Undefined when no item starts there any more or it is already in that state: then the click
 * was made on an older text, and changing another line would be wrong.
 */
export function setChecklistItemAt(
  markdown: string,
  point: SourcePoint,
  checked: boolean,
): string | undefined {
  const lines = markdown.split("\n");
  const line = lines[point.line - 1];
  if (line === undefined) return undefined;
  const match = itemAtColumn.exec(line.slice(point.column - 1));
  if (!match?.[1] || (match[2] !== " ") === checked) return undefined;
  lines[point.line - 1] = withMark(line, point.column - 1 + match[1].length + 1, checked);
  return lines.join("\n");
}

/**
 * Ticks (or unticks) every item whose text `matches`, outside code fences; returns the note
 * unchanged (the same string) when none needed it.
 */
export function setChecklistItemsWhere(
  markdown: string,
  matches: (text: string) => boolean,
  checked: boolean,
): string {
  const targets = checklistItems(markdown).filter(
    (item) => item.checked !== checked && matches(item.text),
  );
  if (targets.length === 0) return markdown;
  const lines = markdown.split("\n");
  for (const item of targets) {
    const line = lines[item.line - 1] as string;
    const prefix = itemLine.exec(line)?.[1] ?? "";
    lines[item.line - 1] = withMark(line, prefix.length + 1, checked);
  }
  return lines.join("\n");
}

/**
 * Texts whose items went from open to all ticked (`completed`) or from all ticked to having an
 * open one (`reopened`) between two versions of a note. A text whose lines are gone is neither.
 */
export function checklistChanges(
  before: string,
  after: string,
  key: (text: string) => string,
): { completed: string[]; reopened: string[] } {
  const doneByText = (markdown: string) => {
    const done = new Map<string, boolean>();
    for (const item of checklistItems(markdown)) {
      const text = key(item.text);
      done.set(text, (done.get(text) ?? true) && item.checked);
    }
    return done;
  };
  const old = doneByText(before);
  const now = doneByText(after);
  const completed: string[] = [];
  const reopened: string[] = [];
  for (const [text, done] of now) {
    const was = old.get(text);
    if (was === false && done) completed.push(text);
    if (was === true && !done) reopened.push(text);
  }
  return { completed, reopened };
}
