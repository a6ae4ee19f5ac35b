import {
  CreateTableCommand,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { toCreateTableInput, toTimeToLiveInput } from "@/lib/db/create-table-input";
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
 * Creates a table from its definition when missing and adds any global index that a newer
 * definition introduced, so a developer's persisted local data survives schema growth.
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

  const present = new Set(existing.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName));
  const missing = (input.GlobalSecondaryIndexes ?? []).filter(
    (index) => !present.has(index.IndexName),
  );
  for (const index of missing) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
  return missing.length > 0 ? "updated" : "unchanged";
}

export async function ensureTables(
  client: DynamoDBDocumentClient,
  names: Readonly<Record<TableName, string>>,
): Promise<Record<TableName, EnsureResult>> {
  const results = await Promise.all(
    tableNames.map(async (table) => [table, await ensureTable(client, table, names[table])]),
  );
  return Object.fromEntries(results);
}
