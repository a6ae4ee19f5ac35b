import { checkHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

/** Liveness of the two backing services, for load balancers and the local cloud's tests. */
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
