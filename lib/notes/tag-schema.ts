import * as z from "zod/mini";
import { normalizeTag, tagProblem } from "@/lib/notes/tag-rules";

/**
 * A tag as typed, by the rules of lib/notes/tag-rules.ts (the tag field's own check in the
 * browser): `zod/mini`, and the server's note schemas (full zod) compose this same schema.
 */
export const tagSchema = z.string().check(
  z.overwrite(normalizeTag),
  z.superRefine((tag, context) => {
    const message = tagProblem(tag);
    if (message !== undefined) context.addIssue({ code: "custom", message, input: tag });
  }),
);
