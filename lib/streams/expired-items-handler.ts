import { createDocumentClient, dynamoConfigFromEnv } from "@/lib/db/client";
import { env } from "@/lib/env";
import {
  expiredOwners,
  removeExpiredNotes,
  removeExpiredTasks,
  type StreamRecord,
} from "@/lib/notes/expired-notes";
import { publishPoke } from "@/lib/realtime/publish";
import { resourceNames } from "@/lib/resources";
import { createStorageClient, storageConfigFromEnv } from "@/lib/storage/client";

// The Lambdas subscribed to the Notes and Tasks streams in sst.config.ts (outside Next, so no
// server-only runtime modules).
const names = resourceNames(env());
const db = { client: createDocumentClient(dynamoConfigFromEnv(env())), tables: names.tables };
const storage = { client: createStorageClient(storageConfigFromEnv(env())), bucket: names.bucket };

export async function notes(event: { Records?: StreamRecord[] }): Promise<void> {
  await removeExpiredNotes(db, storage, event.Records ?? []);
  await pokeOwners(event.Records ?? []);
}

export async function tasks(event: { Records?: StreamRecord[] }): Promise<void> {
  await removeExpiredTasks(db, event.Records ?? []);
  await pokeOwners(event.Records ?? []);
}

/** What TTL removed disappears from the owners' other devices too (issue 13 §3). */
async function pokeOwners(records: readonly StreamRecord[]): Promise<void> {
  await Promise.all(expiredOwners(records).map((userId) => publishPoke(userId)));
}
