import { mergeText } from "@/lib/merge/text";
import { fieldsOf, type NoteDraft, type NoteFields } from "@/lib/offline/drafts";

/**
 * Three-way merge of a note's fields (issue 13 §4), on the client: `mine` (the draft) and
 * `theirs` (the server's note after a 409) both started from `base` (what the draft was based
 * on). Loaded only when a save meets a newer version (see draft-sync.ts), with node-diff3.
 */

/** One value: the side that changed it; both changed it differently is a conflict. */
function mergeValue<T>(base: T, mine: T, theirs: T, equal = Object.is): T | typeof conflict {
  if (equal(mine, theirs) || equal(theirs, base)) return mine;
  if (equal(mine, base)) return theirs;
  return conflict;
}
const conflict = Symbol("conflict");

/** Tags as sets: each side's additions and removals both apply; theirs keep their order. */
export function mergeTags(
  base: readonly string[],
  mine: readonly string[],
  theirs: readonly string[],
): string[] {
  const removedByMe = (tag: string) => base.includes(tag) && !mine.includes(tag);
  const addedByMe = mine.filter((tag) => !base.includes(tag) && !theirs.includes(tag));
  return [...theirs.filter((tag) => !removedByMe(tag)), ...addedByMe];
}

/** The merged fields, or undefined when an edit overlaps (the person chooses). */
export function mergeNoteFields(
  base: NoteFields,
  mine: NoteFields,
  theirs: NoteFields,
): NoteFields | undefined {
  const title = mergeValue(base.title, mine.title, theirs.title);
  const content = mergeText(base.content, mine.content, theirs.content);
  if (title === conflict || content === undefined) return undefined;
  const pinned = mergeValue(base.pinned, mine.pinned, theirs.pinned);
  const remoteImages = mergeValue(base.remoteImages, mine.remoteImages, theirs.remoteImages);
  // Two booleans that both moved from the base agree; only the type needs the check.
  if (pinned === conflict || remoteImages === conflict) return undefined;
  return {
    title,
    content,
    tags: mergeTags(base.tags, mine.tags, theirs.tags),
    pinned,
    remoteImages,
  };
}

/**
 * A draft that met their newer version, merged: it then builds on theirs (their version) with
 * the merged fields, and the next save sends what the merge adds to theirs. Overlapping edits
 * leave the draft in conflict, for the "keep mine / use theirs" choice.
 */
export function mergeConflictedDraft(draft: NoteDraft): NoteDraft {
  const theirs = draft.conflict;
  if (!theirs || !draft.base) return draft;
  const theirFields = fieldsOf(theirs);
  const fields = mergeNoteFields(draft.base.fields, draft.fields, theirFields);
  if (!fields) return draft;
  return {
    ...draft,
    conflict: undefined,
    fields,
    base: { fields: theirFields, version: theirs.version },
  };
}
