import { isSettled, type NoteDraft } from "@/lib/offline/drafts";
import { readStoredDraft as readStored } from "@/lib/offline/record-shapes";
import { database } from "@/lib/offline/store";

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
