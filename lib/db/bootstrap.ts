import {
  CreateTableCommand,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  type GlobalSecondaryIndex,
  type GlobalSecondaryIndexDescription,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { toCreateTableInput, toTimeToLiveInput } from "@/lib/db/create-table-input";
import { dropSearchText } from "@/lib/db/migrations/drop-search-text";
import { type TableName, tableDefinitions, tableNames } from "@/lib/db/schema";

export type EnsureResult = "created" | "updated" | "unchanged";

async function describeTable(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<DescribeTableCommandOutput | undefined> {
  try {
    return await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Creates a table from its definition when missing, adds any global index that a newer
 * definition introduced and rebuilds one whose keys or projection changed, so a developer's
 * persisted local data follows the schema.
 * Safe to run twice, and concurrently.
 */
export async function ensureTable(
  client: DynamoDBDocumentClient,
  table: TableName,
  tableName: string,
): Promise<EnsureResult> {
  const definition = tableDefinitions[table];
  const input = toCreateTableInput(definition, tableName);
  const existing = await describeTable(client, tableName);

  if (!existing) {
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
    await client.send(new UpdateTimeToLiveCommand(toTimeToLiveInput(definition, tableName)));
    return "created";
  }

  const existingIndexes = new Map(
    (existing.Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]),
  );
  const wanted = input.GlobalSecondaryIndexes ?? [];
  const changed = wanted.filter((index) => {
    const current = existingIndexes.get(index.IndexName);
    return current && !sameIndex(current, index);
  });
  const missing = wanted.filter((index) => !existingIndexes.has(index.IndexName));
  for (const index of changed) {
    await waitForIndex(client, tableName, index.IndexName as string, "ACTIVE");
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index.IndexName } }],
      }),
    );
    await waitForIndex(client, tableName, index.IndexName as string, "gone");
  }
  for (const index of [...changed, ...missing]) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    await waitForIndex(client, tableName, index.IndexName as string, "ACTIVE");
  }
  return changed.length + missing.length > 0 ? "updated" : "unchanged";
}

function sameIndex(
  current: GlobalSecondaryIndexDescription,
  wanted: GlobalSecondaryIndex,
): boolean {
  const attributes = (projection: { NonKeyAttributes?: string[] } | undefined) =>
    [...(projection?.NonKeyAttributes ?? [])].sort().join();
  return (
    JSON.stringify(current.KeySchema) === JSON.stringify(wanted.KeySchema) &&
    current.Projection?.ProjectionType === wanted.Projection?.ProjectionType &&
    attributes(current.Projection) === attributes(wanted.Projection)
  );
}

/** Waits until an index is ACTIVE, or gone with `"gone"`: DynamoDB refuses changes meanwhile. */
async function waitForIndex(
  client: DynamoDBDocumentClient,
  tableName: string,
  indexName: string,
  state: "ACTIVE" | "gone",
) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const description = await describeTable(client, tableName);
    const index = description?.Table?.GlobalSecondaryIndexes?.find(
      (i) => i.IndexName === indexName,
    );
    if (state === "gone" ? !index : index?.IndexStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Index ${indexName} of ${tableName} did not become ${state} within 60 s`);
}

/**
 * Ensures every table, then runs the data migrations a developer's persisted local tables have
 * not had yet (each once: see `runMigrations`).
 */
export async function ensureTables(
  client: DynamoDBDocumentClient,
  names: Readonly<Record<TableName, string>>,
): Promise<Record<TableName, EnsureResult>> {
  const results: Record<TableName, EnsureResult> = Object.fromEntries(
    await Promise.all(
      tableNames.map(async (table) => [table, await ensureTable(client, table, names[table])]),
    ),
  );
  await runMigrations(client, names, results);
  return results;
}

interface Migration {
  readonly name: string;
  /** The table whose items it changes: a table created just now has none to change. */
  readonly table: TableName;
  readonly run: (client: DynamoDBDocumentClient, tableName: string) => Promise<unknown>;
}

const migrations: readonly Migration[] = [
  // Issue 14: note items store their body once (lib/db/migrations/drop-search-text.ts).
  { name: "notes-drop-search-text", table: "Notes", run: dropSearchText },
];

/** The Users-table item (`kind: "migration"`) that records a migration as done. */
export function migrationMarkerKey(name: string) {
  return { userId: `migration#${name}` };
}

/**
 * Each migration runs once per set of tables: a marker item in the Users table records it done,
 * so later bootstraps pay one read per migration. Two bootstraps racing may both run it; every
 * migration is idempotent. On AWS (no bootstrap) each has a script; see README.
 */
async function runMigrations(
  client: DynamoDBDocumentClient,
  names: Readonly<Record<TableName, string>>,
  results: Readonly<Record<TableName, EnsureResult>>,
): Promise<void> {
  for (const migration of migrations) {
    const key = migrationMarkerKey(migration.name);
    if (results[migration.table] !== "created") {
      const { Item } = await client.send(
        new GetCommand({ TableName: names.Users, Key: key, ConsistentRead: true }),
      );
      if (Item) continue;
      await migration.run(client, names[migration.table]);
    }
    await client.send(
      new PutCommand({
        TableName: names.Users,
        Item: { ...key, kind: "migration", doneAt: new Date().toISOString() },
      }),
    );
  }
}
