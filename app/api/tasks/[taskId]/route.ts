import { getDatabase } from "@/lib/db/runtime";
import { getTask, trashTask } from "@/lib/db/tasks-repository";
import { AppError } from "@/lib/errors";
import { withUserRoute } from "@/lib/server/with-user";
import {
  noQuerySchema,
  taskDeleteQuerySchema,
  taskIdParamsSchema,
  taskPatchSchema,
} from "@/lib/tasks/schemas";
import { deleteTaskForever, updateTaskWithChecks } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

/** GET /api/tasks/{taskId} : the task with its details, trashed or not. Another user's is a 404. */
export const GET = withUserRoute(
  { params: taskIdParamsSchema, query: noQuerySchema },
  async ({ user, params }) => {
    const task = await getTask(getDatabase(), user.userId, params.taskId);
    if (!task) throw new AppError("not_found", "This task does not exist.");
    return task;
  },
);

/** PATCH /api/tasks/{taskId} : only the named fields; `version` must be current, else 409. */
export const PATCH = withUserRoute(
  { params: taskIdParamsSchema, query: noQuerySchema, body: taskPatchSchema },
  async ({ user, params, body }) => {
    const { version, ...patch } = body;
    return updateTaskWithChecks(getDatabase(), user.userId, params.taskId, patch, version);
  },
);

/** DELETE /api/tasks/{taskId} moves it to the trash; ?permanent=1 deletes a trashed task for good. */
export const DELETE = withUserRoute(
  { params: taskIdParamsSchema, query: taskDeleteQuerySchema },
  async ({ user, params, query }) => {
    if (query.permanent) {
      await deleteTaskForever(getDatabase(), user.userId, params.taskId);
      return new Response(null, { status: 204 });
    }
    return trashTask(getDatabase(), user.userId, params.taskId);
  },
);
