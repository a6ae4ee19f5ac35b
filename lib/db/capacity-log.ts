import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

interface Units {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** The line prefix the benchmark reads from the app's output. */
export const capacityLogPrefix = "[jotboard-capacity] ";

/**
 * Opt-in (JOTBOARD_CAPACITY_LOG=1, set by `npm run bench` only): asks every DynamoDB request
 * for ReturnConsumedCapacity=TOTAL and prints one line per request with what it consumed, so
 * the benchmark can add up the read and write units of the app's own requests (DynamoDB Local
 * keeps no account-level metrics to ask afterwards).
 */
export function logConsumedCapacity(client: DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const command = String(context.commandName ?? "");
      const isWrite = /Put|Update|Delete|Write/.test(command);
      if (
        /^(Get|Query|Scan|BatchGet|TransactGet|Put|Update|Delete|BatchWrite|TransactWrite)/.test(
          command,
        )
      )
        input.ReturnConsumedCapacity ??= "TOTAL";
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Units | Units[] }).ConsumedCapacity;
      let rcu = 0;
      let wcu = 0;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
          rcu += entry.ReadCapacityUnits ?? 0;
          wcu += entry.WriteCapacityUnits ?? 0;
        } else if (isWrite) wcu += entry.CapacityUnits ?? 0;
        else rcu += entry.CapacityUnits ?? 0;
      }
      process.stdout.write(`${capacityLogPrefix}${JSON.stringify({ command, rcu, wcu })}\n`);
      return result;
    },
    { step: "initialize", name: "jotboardCapacityLog", override: true },
  );
}
