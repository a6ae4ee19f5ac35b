import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";
import { taskIdParamsSchema } from "@/lib/tasks/schemas";
import { restoreTaskFromTrash } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/** POST /api/tasks/{taskId}/restore : back from the trash to its place (a no-op when live). */
export const POST = withUserRoute(
  { params: taskIdParamsSchema, query: noQuerySchema },
  async ({ user, db, params }) => restoreTaskFromTrash(db, user.userId, params.taskId),
);
