import "server-only";
import { type Database, getDatabase } from "@/lib/db/runtime";
import { getStorage, type Storage } from "@/lib/storage/runtime";

/**
 * The process's DynamoDB and S3 clients. Only lib/server binds them to a request (the gate hands
 * them to handlers, `requirePageContext` to pages): app/ never imports lib/db, and services take
 * them as arguments, so tests run the same services on their own tables and bucket.
 */
export interface Backends {
  readonly db: Database;
  readonly storage: Storage;
}

export function backends(): Backends {
  return { db: getDatabase(), storage: getStorage() };
}
