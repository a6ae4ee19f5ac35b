import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Resolves when the table answers; rejects with the SDK's error otherwise. */
import "server-only";
export async function pingTable(client: DynamoDBDocumentClient, tableName: string): Promise<void> {
  await client.send(new DescribeTableCommand({ TableName: tableName }));
}
