import { noQuerySchema } from "@/lib/schemas";
import { withUserRoute } from "@/lib/server/with-user";
import { taskDeleteQuerySchema, taskIdParamsSchema, taskPatchSchema } from "@/lib/tasks/schemas";
import {
  deleteTaskForever,
  moveTaskToTrash,
  requireTask,
  updateTaskWithChecks,
} from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/** GET /api/tasks/{taskId} : the task with its details, trashed or not. Another user's is a 404. */
export const GET = withUserRoute(
  { params: taskIdParamsSchema, query: noQuerySchema },
  async ({ user, db, params }) => requireTask(db, user.userId, params.taskId),
);

/**
 * PATCH /api/tasks/{taskId} : only the named fields. With `base` (each changed field's value as
 * the client saw it) it merges with other fields' edits and is a 409 only when one of its
 * fields changed elsewhere to another value; with `version` alone (queued by an earlier build)
 * the task must be at that version, else 409.
 */
export const PATCH = withUserRoute(
  { params: taskIdParamsSchema, query: noQuerySchema, body: taskPatchSchema },
  async ({ user, db, params, body }) => {
    const { version, base, ...patch } = body;
    // The schema asks for one of the two.
    const based = base ? { base } : (version as number);
    return updateTaskWithChecks(db, user.userId, params.taskId, patch, based);
  },
);

/** DELETE /api/tasks/{taskId} moves it to the trash; ?permanent=1 deletes a trashed task for good. */
export const DELETE = withUserRoute(
  { params: taskIdParamsSchema, query: taskDeleteQuerySchema },
  async ({ user, db, params, query }) => {
    if (query.permanent) {
      await deleteTaskForever(db, user.userId, params.taskId);
      return new Response(null, { status: 204 });
    }
    return moveTaskToTrash(db, user.userId, params.taskId);
  },
);
