import type { ConsumedCapacity } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { createDocumentClient } from "@/lib/db/client";
import type { Database } from "@/lib/db/runtime";

export interface Metered {
  readonly command: string;
  readonly capacity: readonly ConsumedCapacity[];
}

/**
 * A client of the run's DynamoDB Local on `tables` that asks every request for its consumed
 * capacity (per table and index) and keeps the answers: cost tests count requests and units,
 * never time.
 */
export function meteredDatabase(tables: Database["tables"]) {
  const { dynamoEndpoint } = inject("localCloud");
  const client = createDocumentClient({ region: "us-east-1", endpoint: dynamoEndpoint });
  const log: Metered[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = "INDEXES";
      const result = await next(args);
      const consumed = (
        result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }
      ).ConsumedCapacity;
      log.push({
        command: context.commandName ?? "unknown",
        capacity: consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed],
      });
      return result;
    },
    { step: "initialize", name: "meterCapacity" },
  );
  const database: Database = { client, tables };
  return {
    database,
    /** Runs `work` and answers the requests it sent and the units they consumed. */
    async measure(work: (db: Database) => Promise<unknown>) {
      const start = log.length;
      await work(database);
      const sent = log.slice(start);
      // DynamoDB Local names no read or write units, only capacity units: tell them by command.
      const units = (entries: readonly Metered[]) =>
        entries
          .flatMap((entry) => entry.capacity)
          .reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
      const isRead = (entry: Metered) => /^(Get|BatchGet|Query|Scan)/.test(entry.command);
      return {
        requests: sent.length,
        commands: sent.map((entry) => entry.command),
        readUnits: units(sent.filter(isRead)),
        writeUnits: units(sent.filter((entry) => !isRead(entry))),
        /** Units by table (and its indexes), named without the test's table prefix. */
        byTable: sent
          .flatMap((entry) => entry.capacity)
          .reduce<Record<string, number>>((sums, entry) => {
            const table = (entry.TableName ?? "").replace(/^.*-/, "");
            sums[table] = (sums[table] ?? 0) + (entry.CapacityUnits ?? 0);
            return sums;
          }, {}),
      };
    },
    destroy: () => client.destroy(),
  };
}
