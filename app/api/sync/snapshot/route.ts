import { withUserRoute } from "@/lib/server/with-user";
import { snapshotResponse } from "@/lib/sync/compress";
import { snapshotQuerySchema } from "@/lib/sync/schemas";
import { snapshotStream } from "@/lib/sync/snapshot";

export const dynamic = "force-dynamic";

/**
 * GET /api/sync/snapshot[?page=] : one page of the whole library (notes, then tasks, trashed
 * ones included) with the cursor to pull changes from once every page is stored (issue 13).
 * Streamed and compressed as it goes: the page's records go out while its later Queries run.
 */
export const GET = withUserRoute(
  { query: snapshotQuerySchema },
  async ({ user, db, query, request }) =>
    snapshotResponse(request, await snapshotStream(db, user.userId, query.page)),
);
