import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { toCreateTableInput, toTimeToLiveInput } from "@/lib/db/create-table-input";
import { tableDefinitions, tableNames } from "@/lib/db/schema";

type SstIndex = { hashKey: string; rangeKey?: string; projection?: "all" | "keys-only" | string[] };
type SstDynamoArgs = {
  fields: Record<string, "string" | "number" | "binary">;
  primaryIndex: { hashKey: string; rangeKey?: string };
  globalIndexes?: Record<string, SstIndex>;
  ttl?: string;
  stream?: string;
};

/**
 * Runs `sst.config.ts` against recording stand-ins for SST's components and returns the Dynamo
 * arguments it passed, so the test sees exactly what SST would provision.
 */
async function provisionedTables(): Promise<Map<string, SstDynamoArgs>> {
  const tables = new Map<string, SstDynamoArgs>();
  const component = class {
    name = "";
    value = "";
    url = "";
  };
  Object.assign(globalThis, {
    $config: (config: unknown) => config,
    $app: { name: "jotboard", stage: "test" },
    sst: {
      Secret: component,
      aws: {
        Dynamo: class extends component {
          constructor(name: string, args: SstDynamoArgs) {
            super();
            tables.set(name, args);
          }
          subscribe() {}
        },
        Bucket: component,
        Nextjs: component,
        Realtime: component,
        Email: component,
      },
    },
    aws: { s3: { BucketLifecycleConfiguration: component } },
  });
  // A deploy must name the SES sender; the test names one so the config runs to the end.
  process.env.JOTBOARD_MAIL_SENDER ??= "jotboard.example";
  const configUrl = pathToFileURL(path.resolve("sst.config.ts")).href;
  const config = (await import(/* @vite-ignore */ configUrl)).default as {
    run: () => Promise<unknown>;
  };
  await config.run();
  return tables;
}

/** SST's own mapping from Dynamo arguments to the table it creates (components/aws/dynamo.ts). */
function sstToTable(name: string, args: SstDynamoArgs) {
  const key = (index: { hashKey: string; rangeKey?: string }) => [
    { AttributeName: index.hashKey, KeyType: "HASH" },
    ...(index.rangeKey ? [{ AttributeName: index.rangeKey, KeyType: "RANGE" }] : []),
  ];
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.entries(args.fields).map(([field, type]) => ({
      AttributeName: field,
      AttributeType: type === "string" ? "S" : type === "number" ? "N" : "B",
    })),
    KeySchema: key(args.primaryIndex),
    GlobalSecondaryIndexes: Object.entries(args.globalIndexes ?? {}).map(([indexName, index]) => ({
      IndexName: indexName,
      KeySchema: key(index),
      Projection:
        index.projection === "keys-only"
          ? { ProjectionType: "KEYS_ONLY" }
          : Array.isArray(index.projection)
            ? { ProjectionType: "INCLUDE", NonKeyAttributes: index.projection }
            : { ProjectionType: "ALL" },
    })),
    ttl: args.ttl,
    stream: args.stream?.toUpperCase().replaceAll("-", "_"),
  };
}

describe("one definition of the data", () => {
  let provisioned: Map<string, SstDynamoArgs>;
  beforeAll(async () => {
    provisioned = await provisionedTables();
  });

  it("SST provisions exactly the defined tables", () => {
    expect([...provisioned.keys()].sort()).toEqual([...tableNames].sort());
  });

  it.each(tableNames)("%s: SST and the local CreateTable input agree", (table) => {
    const args = provisioned.get(table);
    if (!args) throw new Error(`${table} not provisioned`);
    const local = toCreateTableInput(tableDefinitions[table], table);
    const ttl = toTimeToLiveInput(tableDefinitions[table], table);
    const { StreamSpecification, ...tableInput } = local;
    expect(sstToTable(table, args)).toEqual({
      ...tableInput,
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes ?? [],
      ttl: ttl.TimeToLiveSpecification?.AttributeName,
      stream: StreamSpecification?.StreamViewType,
    });
  });

  it("keys are camelCase exactly as the product names them", () => {
    expect(tableDefinitions.Users.primaryIndex).toEqual({ hashKey: "userId" });
    expect(tableDefinitions.Notes.primaryIndex).toEqual({ hashKey: "userId", rangeKey: "noteId" });
    expect(tableDefinitions.Tasks.primaryIndex).toEqual({ hashKey: "userId", rangeKey: "taskId" });
    expect(tableDefinitions.Changes.primaryIndex).toEqual({ hashKey: "userId", rangeKey: "seq" });
    expect(tableDefinitions.Users.globalIndexes.ByEmail.hashKey).toBe("email");
    expect(tableDefinitions.Passkeys.primaryIndex).toEqual({
      hashKey: "userId",
      rangeKey: "credentialId",
    });
  });

  it("the change feed has no index: an index is eventually consistent and could skip a change", () => {
    expect(tableDefinitions.Changes.globalIndexes).toEqual({});
    expect(tableDefinitions.Changes.fields).toEqual({ userId: "string", seq: "number" });
    expect(tableDefinitions.Changes.ttl).toBe("expiresAt");
  });

  it("every key attribute of every index is declared as a field", () => {
    for (const table of tableNames) {
      const definition = tableDefinitions[table];
      const indexes = [definition.primaryIndex, ...Object.values(definition.globalIndexes)];
      for (const index of indexes) {
        expect(Object.keys(definition.fields)).toContain(index.hashKey);
        if ("rangeKey" in index) expect(Object.keys(definition.fields)).toContain(index.rangeKey);
      }
    }
  });
});
