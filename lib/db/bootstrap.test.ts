import {
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
} from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable, ensureTables } from "@/lib/db/bootstrap";
import { createDocumentClient } from "@/lib/db/client";
import { toCreateTableInput } from "@/lib/db/create-table-input";
import type { Database } from "@/lib/db/runtime";
import { tableDefinitions, tableNames } from "@/lib/db/schema";
import { localResourceNames } from "@/lib/resources";
import { type LocalCloud, startLocalCloud } from "../../scripts/local-cloud";

// Its own DynamoDB Local: index changes stall for long while other test files load the shared one.
describe("ensureTables on DynamoDB Local", () => {
  let local: LocalCloud;
  let cloud: { database: Database };
  beforeAll(async () => {
    local = await startLocalCloud({
      dynamoPort: 0,
      s3Port: 0,
      tablePrefix: "boot-",
      bucket: "boot-bucket",
      allowedOrigins: ["http://localhost"],
    });
    const client = createDocumentClient({ region: "us-east-1", endpoint: local.dynamoEndpoint });
    cloud = { database: { client, tables: localResourceNames("boot-", "boot-bucket").tables } };
  });
  afterAll(async () => {
    cloud?.database.client.destroy();
    await local?.stop();
  });

  it.each(tableNames)("%s exists with its keys, indexes and TTL", async (table) => {
    const { client, tables } = cloud.database;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tables[table] }));
    const definition = tableDefinitions[table];
    expect(Table?.KeySchema?.[0]).toEqual({
      AttributeName: definition.primaryIndex.hashKey,
      KeyType: "HASH",
    });
    expect((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort()).toEqual(
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

  // Issue 13 §6: a developer's `.data` from before the change feed gains its table at start
  // (`startLocalCloud` runs `ensureTables`), with the data already there untouched.
  it("creates a table a newer schema introduced in an existing database (Changes)", async () => {
    const { client, tables } = cloud.database;
    await client.send(new DeleteTableCommand({ TableName: tables.Changes }));
    await client.send(
      new PutCommand({
        TableName: tables.Users,
        Item: { userId: "before-the-feed", kind: "user" },
      }),
    );
    const results = await ensureTables(client, tables);
    expect(results).toEqual({ ...results, Changes: "created", Users: "unchanged" });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tables.Changes }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: "userId", KeyType: "HASH" },
      { AttributeName: "seq", KeyType: "RANGE" },
    ]);
    const { Item } = await client.send(
      new GetCommand({ TableName: tables.Users, Key: { userId: "before-the-feed" } }),
    );
    expect(Item).toEqual({ userId: "before-the-feed", kind: "user" });
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
      .poll(
        async () => {
          const { Table } = await client.send(
            new DescribeTableCommand({ TableName: tables.Tasks }),
          );
          return Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName) ?? [];
        },
        { timeout: 20_000 },
      )
      .not.toContain("ByDue");
    expect(await ensureTable(client, "Tasks", tables.Tasks)).toBe("updated");
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tables.Tasks }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toContain("ByDue");
  });

  it("rebuilds an index whose projection changed", async () => {
    const { client, tables } = cloud.database;
    const stale = toCreateTableInput(tableDefinitions.Notes, tables.Notes)
      .GlobalSecondaryIndexes?.[0];
    if (!stale) throw new Error("Notes has an index");
    await client.send(
      new UpdateTableCommand({
        TableName: tables.Notes,
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: stale.IndexName } }],
      }),
    );
    await expect
      .poll(
        async () => {
          const { Table } = await client.send(
            new DescribeTableCommand({ TableName: tables.Notes }),
          );
          return Table?.GlobalSecondaryIndexes?.length ?? 0;
        },
        { timeout: 20_000 },
      )
      .toBe(0);
    await client.send(
      new UpdateTableCommand({
        TableName: tables.Notes,
        AttributeDefinitions: toCreateTableInput(tableDefinitions.Notes, tables.Notes)
          .AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              ...stale,
              Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["title"] },
            },
          },
        ],
      }),
    );
    expect(await ensureTable(client, "Notes", tables.Notes)).toBe("updated");
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tables.Notes }));
    expect(Table?.GlobalSecondaryIndexes?.[0]?.Projection?.NonKeyAttributes).toContain("expiresAt");
  });
});
