import { getDatabase } from "@/lib/db/runtime";
import { restoreTask } from "@/lib/db/tasks-repository";
import { withUserRoute } from "@/lib/server/with-user";
import { noQuerySchema, taskIdParamsSchema } from "@/lib/tasks/schemas";

export const dynamic = "force-dynamic";

/** POST /api/tasks/{taskId}/restore : back from the trash to its place (a no-op when live). */
export const POST = withUserRoute(
  { params: taskIdParamsSchema, query: noQuerySchema },
  async ({ user, params }) => restoreTask(getDatabase(), user.userId, params.taskId),
);
