import "server-only";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { logConsumedCapacity } from "@/lib/db/capacity-log";
import { createDocumentClient, dynamoConfigFromEnv } from "@/lib/db/client";
import type { TableName } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { resourceNames } from "@/lib/resources";

export interface Database {
  readonly client: DynamoDBDocumentClient;
  readonly tables: Readonly<Record<TableName, string>>;
}

let database: Database | undefined;

/** The process-wide DynamoDB client and table names, built from the environment on first use. */
export function getDatabase(): Database {
  if (!database) {
    const config = env();
    const client = createDocumentClient(dynamoConfigFromEnv(config));
    if (config.logCapacity) logConsumedCapacity(client);
    database = { client, tables: resourceNames(config).tables };
  }
  return database;
}
