import { withUserRoute } from "@/lib/server/with-user";
import { snapshotQuerySchema } from "@/lib/sync/schemas";
import { snapshotStream } from "@/lib/sync/snapshot";

export const dynamic = "force-dynamic";

/**
 * GET /api/sync/snapshot[?page=] : one page of the whole library (notes, then tasks, trashed
 * ones included) with the cursor to pull changes from once every page is stored (issue 13).
 * Streamed: the page's records go out while its later Queries are read.
 */
export const GET = withUserRoute(
  { query: snapshotQuerySchema },
  async ({ user, db, query }) =>
    new Response(await snapshotStream(db, user.userId, query.page), {
      headers: { "content-type": "application/json" },
    }),
);
