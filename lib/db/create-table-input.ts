import type {
  CreateTableCommandInput,
  Projection as DynamoProjection,
  KeySchemaElement,
  ScalarAttributeType,
  UpdateTimeToLiveCommandInput,
} from "@aws-sdk/client-dynamodb";
import type { IndexDefinition, KeyType, Projection, TableDefinition } from "@/lib/db/schema";

const attributeTypes: Record<KeyType, ScalarAttributeType> = {
  string: "S",
  number: "N",
  binary: "B",
};

const streamViewTypes = {
  "keys-only": "KEYS_ONLY",
  "new-image": "NEW_IMAGE",
  "old-image": "OLD_IMAGE",
  "new-and-old-images": "NEW_AND_OLD_IMAGES",
} as const;

function keySchema(index: IndexDefinition): KeySchemaElement[] {
  const schema: KeySchemaElement[] = [{ AttributeName: index.hashKey, KeyType: "HASH" }];
  if (index.rangeKey) schema.push({ AttributeName: index.rangeKey, KeyType: "RANGE" });
  return schema;
}

function projection(value: Projection): DynamoProjection {
  if (value === "all") return { ProjectionType: "ALL" };
  if (value === "keys-only") return { ProjectionType: "KEYS_ONLY" };
  return { ProjectionType: "INCLUDE", NonKeyAttributes: [...value] };
}

/** The `CreateTable` input for one table definition, as SST would provision it (on demand). */
export function toCreateTableInput(
  definition: TableDefinition,
  tableName: string,
): CreateTableCommandInput {
  const globalIndexes = Object.entries(definition.globalIndexes);
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.entries(definition.fields).map(([name, type]) => ({
      AttributeName: name,
      AttributeType: attributeTypes[type],
    })),
    KeySchema: keySchema(definition.primaryIndex),
    ...(globalIndexes.length > 0 && {
      GlobalSecondaryIndexes: globalIndexes.map(([indexName, index]) => ({
        IndexName: indexName,
        KeySchema: keySchema(index),
        Projection: projection(index.projection),
      })),
    }),
    ...(definition.stream && {
      StreamSpecification: {
        StreamEnabled: true,
        StreamViewType: streamViewTypes[definition.stream],
      },
    }),
  };
}

export function toTimeToLiveInput(
  definition: TableDefinition,
  tableName: string,
): UpdateTimeToLiveCommandInput {
  return {
    TableName: tableName,
    TimeToLiveSpecification: { AttributeName: definition.ttl, Enabled: true },
  };
}
