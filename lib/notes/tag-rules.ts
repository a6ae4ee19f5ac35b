import { noteLimits } from "@/lib/notes/constants";

/**
 * What a tag is, in plain code: the tag field checks it in the editor's first load, where
 * zod/mini's core (~28 KB gzip) must not go (issue 13, weight), and lib/notes/tag-schema.ts's
 * tagSchema, which the server's note schemas compose, is built on these same rules.
 */
export type TagCheck =
  | { readonly ok: true; readonly tag: string }
  | { readonly ok: false; readonly message: string };

/** `#idea` and `idea` are the same tag (people type the # out of habit). */
export function normalizeTag(raw: string): string {
  return raw.trim().toLowerCase().replace(/^#+/, "").trim();
}

/** Why a normalized tag is not one, or undefined when it is. */
export function tagProblem(tag: string): string | undefined {
  if (tag === "") return "Tags cannot be empty.";
  // Counted in code points, as zod counts (an emoji is one character).
  if ([...tag].length > noteLimits.tagLength)
    return `Tags are at most ${noteLimits.tagLength} characters.`;
  if (!/^[^\p{Cc},#]+$/u.test(tag)) return "Tags cannot contain commas, # or control characters.";
  return undefined;
}

export function checkTag(raw: string): TagCheck {
  const tag = normalizeTag(raw);
  const message = tagProblem(tag);
  return message === undefined ? { ok: true, tag } : { ok: false, message };
}
