import { noteLimits } from "@/lib/notes/constants";

/**
 * The tag field's own check, as lib/notes/tag-schema.ts's tagSchema (which the server's note
 * schemas compose) reads a tag, in plain code: the field is in the editor's first load, and
 * zod/mini's core is ~28 KB gzip (issue 13, weight). tag-rules.test.ts holds the two to the same
 * answers, messages included.
 */
export type TagCheck =
  | { readonly ok: true; readonly tag: string }
  | { readonly ok: false; readonly message: string };

export function checkTag(raw: string): TagCheck {
  // `#idea` and `idea` are the same tag (people type the # out of habit).
  const tag = raw.trim().toLowerCase().replace(/^#+/, "").trim();
  if (tag === "") return { ok: false, message: "Tags cannot be empty." };
  // Counted in code points, as zod counts (an emoji is one character).
  if ([...tag].length > noteLimits.tagLength)
    return { ok: false, message: `Tags are at most ${noteLimits.tagLength} characters.` };
  if (!/^[^\p{Cc},#]+$/u.test(tag))
    return { ok: false, message: "Tags cannot contain commas, # or control characters." };
  return { ok: true, tag };
}
