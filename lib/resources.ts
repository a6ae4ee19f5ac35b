import { Resource } from "sst/resource";
import { bucketDefinition, type TableName, tableNames } from "@/lib/db/schema";
import type { Env } from "@/lib/env";

export interface ResourceNames {
  readonly tables: Readonly<Record<TableName, string>>;
  readonly bucket: string;
}

/** Physical names for the local cloud: one prefix per dev data folder or test run. */
export function localResourceNames(tablePrefix: string, bucket: string): ResourceNames {
  const tables = Object.fromEntries(tableNames.map((name) => [name, `${tablePrefix}${name}`]));
  return { tables: tables as Record<TableName, string>, bucket };
}

/** SST's linked resources on AWS; the local names otherwise. */
export function resourceNames(config: Env): ResourceNames {
  if (config.cloud === "local") return localResourceNames(config.tablePrefix, config.bucket);
  const linked = Resource as unknown as Record<string, { name: string }>;
  const tables = Object.fromEntries(
    tableNames.map((name) => [name, linked[name]?.name ?? missingLink(name)]),
  );
  return {
    tables: tables as Record<TableName, string>,
    bucket: linked[bucketDefinition.name]?.name ?? missingLink(bucketDefinition.name),
  };
}

function missingLink(name: string): never {
  throw new Error(`SST resource "${name}" is not linked to this app`);
}
