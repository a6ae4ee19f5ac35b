import { pingTable } from "@/lib/db/health";
import { getDatabase } from "@/lib/db/runtime";
import { pingBucket } from "@/lib/storage/health";
import { getStorage } from "@/lib/storage/runtime";

export const dynamic = "force-dynamic";

type PartState = { status: "up" } | { status: "down"; error: string };

async function probe(check: () => Promise<void>): Promise<PartState> {
  try {
    await check();
    return { status: "up" };
  } catch (error) {
    return { status: "down", error: error instanceof Error ? error.name : "Error" };
  }
}

/** Liveness of the two backing services, for load balancers and the local cloud's tests. */
export async function GET(): Promise<Response> {
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
  const down = [dynamodb.status === "down" && "dynamodb", s3.status === "down" && "s3"].filter(
    Boolean,
  );
  return Response.json(
    { status: down.length === 0 ? "ok" : "unavailable", down, dynamodb, s3 },
    { status: down.length === 0 ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
