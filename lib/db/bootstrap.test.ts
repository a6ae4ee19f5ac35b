import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
} from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTable, ensureTables } from "@/lib/db/bootstrap";
import { tableDefinitions, tableNames } from "@/lib/db/schema";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

describe("ensureTables on DynamoDB Local", () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await createTestCloud();
  });

  it.each(tableNames)("%s exists with its keys, indexes and TTL", async (table) => {
    const { client, tables } = cloud.database;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tables[table] }));
    const definition = tableDefinitions[table];
    expect(Table?.KeySchema?.[0]).toEqual({
      AttributeName: definition.primaryIndex.hashKey,
      KeyType: "HASH",
    });
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      Object.keys(definition.globalIndexes).sort(),
    );
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tables[table] }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(definition.ttl);
    expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe("ENABLED");
  });

  it("is idempotent, also when run concurrently", async () => {
    const { client, tables } = cloud.database;
    const results = await Promise.all([ensureTables(client, tables), ensureTables(client, tables)]);
    for (const result of results) {
      expect(Object.values(result)).toEqual(tableNames.map(() => "unchanged"));
    }
  });

  it("adds a global index that a newer definition introduced, keeping the data", async () => {
    const { client, tables } = cloud.database;
    await client.send(
      new UpdateTableCommand({
        TableName: tables.Tasks,
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: "ByDue" } }],
      }),
    );
    await expect
      .poll(async () => {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: tables.Tasks }));
        return Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName) ?? [];
      })
      .not.toContain("ByDue");
    expect(await ensureTable(client, "Tasks", tables.Tasks)).toBe("updated");
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tables.Tasks }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toContain("ByDue");
  });
});
