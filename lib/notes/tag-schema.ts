import * as z from "zod/mini";
import { noteLimits } from "@/lib/notes/constants";

/**
 * A tag as typed: `#idea` and `idea` are the same tag (people type the # out of habit).
 * `zod/mini` because the tag field checks it in the browser; the server's note schemas
 * (full zod) compose this same schema.
 */
export const tagSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.overwrite((tag) => tag.replace(/^#+/, "").trim()),
  z.minLength(1, "Tags cannot be empty."),
  z.maxLength(noteLimits.tagLength, `Tags are at most ${noteLimits.tagLength} characters.`),
  z.regex(/^[^\p{Cc},#]+$/u, "Tags cannot contain commas, # or control characters."),
);
