import { withUserRoute } from "@/lib/server/with-user";
import { snapshotQuerySchema } from "@/lib/sync/schemas";
import { snapshotPage } from "@/lib/sync/service";

export const dynamic = "force-dynamic";

/**
 * GET /api/sync/snapshot[?page=] : one page of the whole library (notes, then tasks, trashed
 * ones included) with the cursor to pull changes from once every page is stored (issue 13).
 */
export const GET = withUserRoute({ query: snapshotQuerySchema }, async ({ user, db, query }) =>
  snapshotPage(db, user.userId, query.page),
);
