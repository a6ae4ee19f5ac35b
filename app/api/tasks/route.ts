import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";
import { taskCreateSchema, taskListQuerySchema } from "@/lib/tasks/schemas";
import { createTaskWithChecks, findTasks } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/**
 * GET /api/tasks?status=&due=overdue|week&today=&trash=1&cursor=&limit= : a page of task cards
 * (no `details`) and the next cursor.
 */
export const GET = withUserRoute({ query: taskListQuerySchema }, async ({ user, db, query }) =>
  findTasks(db, user.userId, query),
);

/** POST /api/tasks : 201 with the new task, or 200 with the existing one for a known taskId. */
export const POST = withUserRoute(
  { query: noQuerySchema, body: taskCreateSchema },
  async ({ user, db, body }) => {
    const { task, created } = await createTaskWithChecks(db, user.userId, body);
    return Response.json(task, {
      status: created ? 201 : 200,
      headers: { location: `/api/tasks/${task.taskId}` },
    });
  },
);
