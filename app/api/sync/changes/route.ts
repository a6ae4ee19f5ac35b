import { withUserRoute } from "@/lib/server/with-user";
import { changesQuerySchema } from "@/lib/sync/schemas";
import { changesSince } from "@/lib/sync/service";

export const dynamic = "force-dynamic";

/**
 * GET /api/sync/changes?cursor= : the changes after the cursor in commit order, paged, or
 * `{ kind: "start-over" }` when the cursor is older than the changes kept (issue 13).
 */
export const GET = withUserRoute({ query: changesQuerySchema }, async ({ user, db, query }) =>
  changesSince(db, user.userId, query.cursor),
);
