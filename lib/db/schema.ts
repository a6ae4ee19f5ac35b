/**
 * The one definition of Jotboard's data: every DynamoDB table and the attachments bucket.
 *
 * `sst.config.ts` provisions AWS from it and the local cloud bootstrap builds its `CreateTable`
 * inputs from it, so the two cannot drift (asserted in `schema.test.ts`). The shapes mirror
 * `sst.aws.Dynamo` / `sst.aws.Bucket` arguments. Keep this file free of runtime imports: SST's
 * config bundler loads it too.
 *
 * Key attributes and why each index exists:
 *
 * Users (`userId`)
 *   Holds several kinds of item, told apart by `kind`:
 *   - `user`: the account (`userId` is a ULID), with `email`, the password hash, `sessionVersion`
 *     and the per-user counters (notes, trashed notes, tasks by status) updated with atomic `ADD`.
 *     `feedSeq` numbers the user's change feed (see Changes; absent on accounts from before it
 *     means 0): every note or task write moves it by one under a condition.
 *   - `email-claim`: `userId = "email#<email>"`, written in the same transaction as the user with
 *     `attribute_not_exists`, because a global index cannot enforce uniqueness.
 *   - `rate-limit`: `userId = "rate#<scope>#<subject>#<window>"`, failed sign-in counters that
 *     expire through TTL (`expiresAt`).
 *   - `revoked-session`: `userId = "session#<userId>#<sessionId>"`, a signed-out session, read
 *     with the account on every request; TTL removes it once any copy of its token has expired.
 *   - `upload-slots`: `userId = "uploads#<userId>"`, the user's unconfirmed presigned uploads
 *     (attachment id to URL expiry), capped; TTL removes it after the last URL expired.
 *   - `passkey-challenge`: `userId = "challenge#<id>"`, a WebAuthn challenge handed to a browser,
 *     consumed by a conditional Delete (single use); TTL removes the ones never answered.
 *   - `account-token`: `userId = "token#<sha256 of the mailed token>"` (verify email, reset
 *     password, change email), consumed by a conditional Delete; TTL removes unused ones. The
 *     address it was sent to is `sentTo`, never `email`, so it stays out of ByEmail.
 *   - `migration`: `userId = "migration#<name>"`, written by the local-cloud bootstrap once a
 *     data migration has run (e.g. dropping notes' old `searchText` copy).
 *   ByEmail (`email`, keys only): sign-in finds the user id by email, then reads the item.
 *
 * Notes (`userId` + `noteId`, ULIDs so the sort key is creation order)
 *   ByList (`userId` + `listKey`): the notes list. `listKey` is `live#<pinned 1|0>#<updatedAt>#<noteId>`
 *   for live notes and `trash#<deletedAt>#<noteId>` for trashed ones, so one descending Query with
 *   `begins_with` gives pinned-first-then-recent (or the trash, newest first). It projects only
 *   what a card shows, so a page costs the same whatever the size of the note bodies.
 *   TTL `expiresAt` is set 30 days ahead when a note is trashed; the stream lets AWS remove the
 *   note's S3 objects and correct the trash counter when TTL deletes the item.
 *
 * Tasks (`userId` + `taskId`, ULIDs)
 *   ByStatus (`statusKey` + `position`): one board column. `statusKey` is `<userId>#<status>` and
 *   `position` a fractional index string, so moving a task rewrites only that task. Trashed tasks
 *   drop `statusKey` and leave the index (sparse).
 *   ByDue (`userId` + `dueKey`): open tasks by due date. `dueKey` is `<dueDate>#<taskId>` and is
 *   present only on open tasks with a due date, so "overdue" and "due this week" are key ranges.
 *   TTL `expiresAt` on trashed tasks, as for notes; the stream lets the trash counter follow
 *   TTL deletions.
 *
 * Changes (`userId` + `seq`): the change feed devices pull (issue 13). One small item per
 *   committed change of a note or task (`kind`, `recordId`, `changedAt`; never the record's
 *   body), written in the same transaction as the change with `seq` = the user item's `feedSeq`
 *   moved on under a condition, so a user's changes commit in `seq` order and a strongly
 *   consistent Query of `seq > cursor` on this base table never skips one. No index on purpose:
 *   an index is eventually consistent and could. TTL `expiresAt` keeps 30 days of changes.
 *
 * Passkeys (`userId` + `credentialId`): a person's WebAuthn credentials (public key, signature
 *   counter, name, last use). Passkeys are discoverable, their user handle being the `userId`,
 *   so a sign-in's assertion names both keys and is answered with one GetItem: no index. Not in
 *   the change feed: devices never replicate them. `expiresAt` is declared as TTL only so every
 *   table has one; no passkey item sets it.
 */

export type KeyType = "string" | "number" | "binary";
export type Projection = "all" | "keys-only" | readonly string[];

export interface IndexDefinition {
  readonly hashKey: string;
  readonly rangeKey?: string;
}

export interface GlobalIndexDefinition extends IndexDefinition {
  readonly projection: Projection;
}

export interface TableDefinition {
  readonly fields: Readonly<Record<string, KeyType>>;
  readonly primaryIndex: IndexDefinition;
  readonly globalIndexes: Readonly<Record<string, GlobalIndexDefinition>>;
  readonly ttl: string;
  readonly stream?: "keys-only" | "new-image" | "old-image" | "new-and-old-images";
}

const noteCardAttributes = [
  "title",
  "excerpt",
  "pinned",
  "tags",
  "attachmentCount",
  "createdAt",
  "updatedAt",
  "version",
  "deletedAt",
  "expiresAt",
] as const;

/** What a task card shows: projected into the task indexes, read alone by list queries. */
export const taskCardAttributes = [
  "description",
  "status",
  "priority",
  "dueDate",
  "position",
  "noteId",
  "completedAt",
  "createdAt",
  "updatedAt",
  "version",
] as const;

export const tableDefinitions = {
  Users: {
    fields: { userId: "string", email: "string" },
    primaryIndex: { hashKey: "userId" },
    globalIndexes: {
      ByEmail: { hashKey: "email", projection: "keys-only" },
    },
    ttl: "expiresAt",
  },
  Notes: {
    fields: { userId: "string", noteId: "string", listKey: "string" },
    primaryIndex: { hashKey: "userId", rangeKey: "noteId" },
    globalIndexes: {
      ByList: { hashKey: "userId", rangeKey: "listKey", projection: noteCardAttributes },
    },
    ttl: "expiresAt",
    stream: "old-image",
  },
  Tasks: {
    fields: {
      userId: "string",
      taskId: "string",
      statusKey: "string",
      position: "string",
      dueKey: "string",
    },
    primaryIndex: { hashKey: "userId", rangeKey: "taskId" },
    globalIndexes: {
      ByStatus: { hashKey: "statusKey", rangeKey: "position", projection: taskCardAttributes },
      ByDue: { hashKey: "userId", rangeKey: "dueKey", projection: taskCardAttributes },
    },
    ttl: "expiresAt",
    stream: "keys-only",
  },
  Changes: {
    fields: { userId: "string", seq: "number" },
    primaryIndex: { hashKey: "userId", rangeKey: "seq" },
    globalIndexes: {},
    ttl: "expiresAt",
  },
  Passkeys: {
    fields: { userId: "string", credentialId: "string" },
    primaryIndex: { hashKey: "userId", rangeKey: "credentialId" },
    globalIndexes: {},
    ttl: "expiresAt",
  },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof tableDefinitions;
export const tableNames = Object.keys(tableDefinitions) as TableName[];

/**
 * A browser uploads to `uploads/{userId}/{noteId}/{attachmentId}/{name}` with a presigned PUT;
 * on confirmation the server copies the file to `private/{userId}/{noteId}/{attachmentId}/{name}`,
 * which no URL can write, and deletes the upload. The lifecycle rule expires whatever stays
 * under `uploads/` for a day (abandoned uploads, or PUTs repeated after the confirmation).
 */
export const bucketDefinition = {
  name: "Attachments",
  keyPrefix: "private/",
  uploadPrefix: "uploads/",
  abandonedUploadExpiryDays: 1,
  cors: {
    allowMethods: ["GET", "PUT", "HEAD"],
    allowHeaders: ["content-type", "content-length"],
    exposeHeaders: ["ETag"],
    maxAgeSeconds: 3600,
  },
} as const;
