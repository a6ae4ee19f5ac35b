import { env } from "@/lib/env";
import { type NoteStreamRecord, removeExpiredNoteObjects } from "@/lib/notes/expired-notes";
import { resourceNames } from "@/lib/resources";
import { createStorageClient, storageConfigFromEnv } from "@/lib/storage/client";

// The Lambda subscribed to the Notes stream in sst.config.ts (outside Next, so no server-only).
const storage = {
  client: createStorageClient(storageConfigFromEnv(env())),
  bucket: resourceNames(env()).bucket,
};

export async function handler(event: { Records?: NoteStreamRecord[] }): Promise<void> {
  await removeExpiredNoteObjects(storage, event.Records ?? []);
}
