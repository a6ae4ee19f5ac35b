import "server-only";
import { pingTable } from "@/lib/db/health";
import { getDatabase } from "@/lib/db/runtime";
import { pingBucket } from "@/lib/storage/health";
import { getStorage } from "@/lib/storage/runtime";

type PartState = { status: "up" } | { status: "down"; error: string };

export interface Health {
  readonly status: "ok" | "unavailable";
  readonly down: readonly ("dynamodb" | "s3")[];
  readonly dynamodb: PartState;
  readonly s3: PartState;
}

async function probe(check: () => Promise<void>): Promise<PartState> {
  try {
    await check();
    return { status: "up" };
  } catch (error) {
    return { status: "down", error: error instanceof Error ? error.name : "Error" };
  }
}

/** Whether this process's own DynamoDB tables and S3 bucket answer (no user, no gate). */
export async function checkHealth(): Promise<Health> {
  // Each client is built inside its probe: a part that cannot even be configured is down.
  const [dynamodb, s3] = await Promise.all([
    probe(async () => {
      const { client, tables } = getDatabase();
      await pingTable(client, tables.Users);
    }),
    probe(async () => {
      const { client, bucket } = getStorage();
      await pingBucket(client, bucket);
    }),
  ]);
  const down = [
    ...(dynamodb.status === "down" ? (["dynamodb"] as const) : []),
    ...(s3.status === "down" ? (["s3"] as const) : []),
  ];
  return { status: down.length === 0 ? "ok" : "unavailable", down, dynamodb, s3 };
}
