import { z } from "zod";
import { snapshotPageParam, syncCursorParam } from "@/lib/sync/cursor";

/** GET /api/sync/snapshot[?page=…]: the first page without `page`, then the one each names. */
export const snapshotQuerySchema = z.strictObject({ page: snapshotPageParam.optional() });

/** GET /api/sync/changes?cursor=…: every change after the cursor, paged. */
export const changesQuerySchema = z.strictObject({ cursor: syncCursorParam });
