import * as z from "zod/mini";
import { noteSchema } from "@/lib/api/schemas";
import {
  type DraftRequest,
  isSettled,
  type NoteDraft,
  type NoteFields,
} from "@/lib/offline/drafts";
import { database } from "@/lib/offline/store";

const fieldsSchema: z.ZodMiniType<NoteFields> = z.object({
  title: z.string(),
  content: z.string(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
  remoteImages: z.boolean(),
});

const requestSchema: z.ZodMiniType<DraftRequest> = z.object({
  method: z.enum(["POST", "PATCH"]),
  url: z.string().check(z.startsWith("/api/notes")),
  body: z.record(z.string(), z.unknown()),
  idempotencyKey: z.string(),
  fields: fieldsSchema,
});

/** What a kept draft must look like to be used (another build may have written it). */
const draftSchema: z.ZodMiniType<NoteDraft> = z.object({
  noteId: z.string(),
  fields: fieldsSchema,
  revision: z.string(),
  base: z.nullable(z.object({ fields: fieldsSchema, version: z.number() })),
  inFlight: z.optional(requestSchema),
  conflict: z.optional(noteSchema),
  refused: z.optional(z.string()),
  updatedAt: z.string(),
});

function readStored(stored: unknown): NoteDraft | undefined {
  const parsed = draftSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Drafts in the device's IndexedDB, one per note. Writes are blind puts committed at once and
 * applied in call order, so the last keystroke's write is the last one standing.
 */
export async function putDraft(draft: NoteDraft): Promise<void> {
  const tx = (await database()).transaction("drafts", "readwrite");
  // A settled draft is done with: nothing of it needs keeping.
  void (isSettled(draft) ? tx.store.delete(draft.noteId) : tx.store.put(draft));
  tx.commit();
  await tx.done;
}

export async function readDraft(noteId: string): Promise<NoteDraft | undefined> {
  return readStored(await (await database()).get("drafts", noteId));
}

/** Every draft this device keeps that it can read. */
export async function readDrafts(): Promise<NoteDraft[]> {
  return (await (await database()).getAll("drafts"))
    .map(readStored)
    .filter((draft) => draft !== undefined);
}

/** Writes a draft unless an editor changed it since it was read (its revision moved on). */
export async function replaceDraft(draft: NoteDraft): Promise<boolean> {
  const tx = (await database()).transaction("drafts", "readwrite");
  const stored = await tx.store.get(draft.noteId);
  const unchanged = stored?.revision === draft.revision;
  if (unchanged) await (isSettled(draft) ? tx.store.delete(draft.noteId) : tx.store.put(draft));
  await tx.done;
  return unchanged;
}
