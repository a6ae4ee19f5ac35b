/**
 * Consumed capacity, measured without touching the repositories: a middleware on the document
 * client's stack asks every request for ReturnConsumedCapacity=INDEXES and adds up what the
 * responses report (tables and indexes, reads and writes).
 */
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface Capacity {
  rcu: number;
  wcu: number;
  /** Requests sent while measuring. */
  requests: number;
  /** Requests whose response carried no ConsumedCapacity. */
  unreported: number;
}

interface Units {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

interface ConsumedCapacity extends Units {
  TableName?: string;
  Table?: Units;
  GlobalSecondaryIndexes?: Record<string, Units>;
}

const readCommands = new Set([
  "GetCommand",
  "QueryCommand",
  "ScanCommand",
  "BatchGetCommand",
  "TransactGetCommand",
  "GetItemCommand",
  "QueryCommand",
  "ScanCommand",
  "BatchGetItemCommand",
  "TransactGetItemsCommand",
]);
const writeCommands = new Set([
  "PutCommand",
  "UpdateCommand",
  "DeleteCommand",
  "BatchWriteCommand",
  "TransactWriteCommand",
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "BatchWriteItemCommand",
  "TransactWriteItemsCommand",
]);

const empty = (): Capacity => ({ rcu: 0, wcu: 0, requests: 0, unreported: 0 });

export class CapacityMeter {
  private current: Capacity = empty();
  /** Every response's ConsumedCapacity, for the curious (last 50). */
  readonly samples: { command: string; consumed: unknown }[] = [];

  constructor(client: DynamoDBDocumentClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName ?? "");
        const isRead = readCommands.has(command);
        if (!isRead && !writeCommands.has(command)) return next(args);
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = "INDEXES";
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        this.record(isRead, consumed);
        this.samples.push({ command, consumed });
        if (this.samples.length > 50) this.samples.shift();
        return result;
      },
      { step: "initialize", name: "benchConsumedCapacity", override: true },
    );
  }

  private record(isRead: boolean, consumed: unknown) {
    this.current.requests++;
    const entries = (
      Array.isArray(consumed) ? consumed : consumed ? [consumed] : []
    ) as ConsumedCapacity[];
    if (entries.length === 0) {
      this.current.unreported++;
      return;
    }
    for (const entry of entries) {
      if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
        this.current.rcu += entry.ReadCapacityUnits ?? 0;
        this.current.wcu += entry.WriteCapacityUnits ?? 0;
      } else if (isRead) this.current.rcu += entry.CapacityUnits ?? 0;
      else this.current.wcu += entry.CapacityUnits ?? 0;
    }
  }

  /** Runs `work` and returns what it consumed. Measured work must not overlap other work. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; capacity: Capacity }> {
    const saved = this.current;
    this.current = empty();
    try {
      const result = await work();
      return { result, capacity: { ...this.current } };
    } finally {
      this.current = {
        rcu: saved.rcu + this.current.rcu,
        wcu: saved.wcu + this.current.wcu,
        requests: saved.requests + this.current.requests,
        unreported: saved.unreported + this.current.unreported,
      };
    }
  }
}
