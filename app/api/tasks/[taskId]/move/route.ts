import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";
import { taskIdParamsSchema, taskMoveSchema } from "@/lib/tasks/schemas";
import { moveTaskWithLinks } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/**
 * POST /api/tasks/{taskId}/move { status?, afterTaskId?, beforeTaskId? } : drag and drop into a
 * column (default its own) between the task above and the task below, or at the end without them.
 */
export const POST = withUserRoute(
  { params: taskIdParamsSchema, query: noQuerySchema, body: taskMoveSchema },
  async ({ user, db, params, body }) => moveTaskWithLinks(db, user.userId, params.taskId, body),
);
