import { z } from "zod";
import { ulidSchema } from "@/lib/ids";
import { attachmentTypes, noteLimits } from "@/lib/notes/constants";
import { tagSchema } from "@/lib/notes/tag-schema";
import { flag } from "@/lib/schemas";

export {
  attachmentTypes,
  inlineImageTypes,
  noteLimits,
  uploadLimits,
} from "@/lib/notes/constants";
export { tagSchema } from "@/lib/notes/tag-schema";

const noControlCharacters = /^[^\p{Cc}]*$/u;
const noControlExceptWhitespace = /^[\t\n\r\P{Cc}]*$/u;

export const tagsSchema = z
  .array(tagSchema)
  .max(noteLimits.tags, `A note has at most ${noteLimits.tags} tags.`)
  .transform((tags) => [...new Set(tags)].sort());

export const titleSchema = z
  .string()
  .trim()
  .max(noteLimits.title, `Titles are at most ${noteLimits.title} characters.`)
  .regex(noControlCharacters, "Remove control characters from the title.");

/** Content's byte limit is checked by the service, which answers 413 rather than 400. */
export const contentSchema = z
  .string()
  .max(noteLimits.contentBytes * 4, "Note content is limited to 100 KB.")
  .regex(noControlExceptWhitespace, "Remove control characters from the content.");

export const noteCreateSchema = z.strictObject({
  noteId: ulidSchema.optional(),
  title: titleSchema.default(""),
  content: contentSchema.default(""),
  pinned: z.boolean().default(false),
  tags: tagsSchema.default([]),
});

export const notePatchSchema = z
  .strictObject({
    version: z.number().int().positive(),
    title: titleSchema.optional(),
    content: contentSchema.optional(),
    pinned: z.boolean().optional(),
    tags: tagsSchema.optional(),
    remoteImages: z.boolean().optional(),
  })
  .refine(
    (patch) =>
      ["title", "content", "pinned", "tags", "remoteImages"].some((field) => field in patch),
    "Name at least one field to change.",
  );

export const noteVersionSchema = z.strictObject({
  version: z.number().int().positive().optional(),
});

export const noteListQuerySchema = z.strictObject({
  cursor: z.string().max(2048).optional(),
  tag: z.optional(tagSchema),
  q: z.string().trim().max(200, "Search for at most 200 characters.").optional(),
  trash: flag,
  /** A shorter page, e.g. for a picker's suggestions. */
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(noteLimits.pageSize, `At most ${noteLimits.pageSize} notes per page.`)
    .optional(),
});

export const noteIdParamsSchema = z.strictObject({ noteId: ulidSchema });
export const attachmentParamsSchema = z.strictObject({
  noteId: ulidSchema,
  attachmentId: ulidSchema,
});

export const uploadRequestSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "The file needs a name.")
    .max(255, "File names are at most 255 characters.")
    .regex(noControlCharacters, "Remove control characters from the file name."),
  size: z
    .number()
    .int()
    .positive("Empty files cannot be attached.")
    .max(noteLimits.attachmentBytes, "Files are limited to 25 MB."),
  contentType: z.enum(attachmentTypes, {
    error: "This type of file cannot be attached: use images, PDF, text, office documents or zip.",
  }),
});

export const downloadQuerySchema = z.strictObject({ inline: flag });

/** The notes page's search (`?q=&tag=`); other parameters of the page are not the search's. */
export const notesPageQuerySchema = z.object({
  q: noteListQuerySchema.shape.q,
  tag: noteListQuerySchema.shape.tag,
});

/** What another app shares to /notes/new (the manifest's share target), each part optional. */
export const sharedNoteQuerySchema = z.object({
  title: z.string().default(""),
  text: z.string().default(""),
  url: z.string().default(""),
});

/** GET /api/notes/{noteId}: `?trash=1` also finds the note in the trash. */
export const noteReadQuerySchema = z.strictObject({ trash: flag });

/** DELETE /api/notes/{noteId}: `?permanent=1` deletes a trashed note for good. */
export const noteDeleteQuerySchema = z.strictObject({ permanent: flag });

export interface NoteSearch {
  /** Lower-cased words to find in a note's title, text or tags. */
  readonly words: readonly string[];
  /** Tags the note must carry: `#work` in the search box, as in Keep or Joplin. */
  readonly tags: readonly string[];
}

/**
 * A search box's query (and a list's `?tag=`): `#tag` words filter by tag, the rest are words to
 * find; at most a handful of each, duplicates dropped. A lone `#` is nothing to look for.
 */
export function parseNoteSearch(query: string | undefined, tag?: string): NoteSearch {
  const words = new Set<string>();
  const tags = new Set<string>(tag ? [tag] : []);
  for (const word of (query ?? "").toLowerCase().split(/\s+/)) {
    if (!word.startsWith("#")) {
      if (word) words.add(word);
      continue;
    }
    const tag = tagSchema.safeParse(word);
    if (tag.success) tags.add(tag.data);
    else if (word.replace(/#/g, "")) words.add(word);
  }
  return {
    words: [...words].slice(0, noteLimits.searchWords),
    tags: [...tags].slice(0, noteLimits.searchWords),
  };
}
