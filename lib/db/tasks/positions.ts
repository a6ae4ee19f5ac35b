import "server-only";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "@/lib/db/runtime";
import { readTask, statusKeyOf, type TaskItem } from "@/lib/db/tasks/mapping";
import { AppError } from "@/lib/errors";
import { placeBetween } from "@/lib/tasks/position";
import type { TaskStatus } from "@/lib/tasks/schemas";

/** The task that ends up just above (`afterTaskId`) or below (`beforeTaskId`) a moved one. */
export interface TaskMove {
  readonly status?: TaskStatus;
  /** The task that ends up just above the moved one. */
  readonly afterTaskId?: string;
  /** The task that ends up just below the moved one. */
  readonly beforeTaskId?: string;
}

const boardChanged = () => new AppError("conflict", "The board changed; reload it and try again.");

/** The nearest task of a column above (`"up"`) or below a position, skipping one task. */
async function neighbourPosition(
  db: Database,
  userId: string,
  status: TaskStatus,
  from: { position?: string; direction: "up" | "down"; skipTaskId: string },
): Promise<string | null> {
  const values: Record<string, unknown> = { ":statusKey": statusKeyOf(userId, status) };
  let range = "";
  if (from.position !== undefined) {
    range = ` AND #position ${from.direction === "up" ? "<" : ">"} :position`;
    values[":position"] = from.position;
  }
  const { Items } = await db.client.send(
    new QueryCommand({
      TableName: db.tables.Tasks,
      IndexName: "ByStatus",
      KeyConditionExpression: `statusKey = :statusKey${range}`,
      ExpressionAttributeNames: { "#position": "position" },
      ExpressionAttributeValues: values,
      ScanIndexForward: from.direction === "down",
      ProjectionExpression: "taskId, #position",
      // The skipped task may be one of them.
      Limit: 2,
    }),
  );
  const neighbour = (Items ?? []).find((item) => item.taskId !== from.skipTaskId);
  return typeof neighbour?.position === "string" ? neighbour.position : null;
}

/** A position at the end of a column, for a task (`taskId`) that is not counted in it. */
export async function endOfColumn(
  db: Database,
  userId: string,
  status: TaskStatus,
  taskId: string,
): Promise<string> {
  const last = await neighbourPosition(db, userId, status, { direction: "up", skipTaskId: taskId });
  return placeBetween(last, null);
}

async function neighbourForMove(
  db: Database,
  userId: string,
  neighbourId: string,
  status: TaskStatus,
  now: Date,
): Promise<TaskItem> {
  const neighbour = await readTask(db, userId, neighbourId, now);
  if (!neighbour || neighbour.deletedAt !== undefined || neighbour.status !== status) {
    throw boardChanged();
  }
  return neighbour;
}

/** The new position of a task moved into `status` next to the named neighbours. */
export async function positionForMove(
  db: Database,
  userId: string,
  taskId: string,
  status: TaskStatus,
  move: TaskMove,
  now: Date,
): Promise<string> {
  const [above, below] = await Promise.all([
    move.afterTaskId ? neighbourForMove(db, userId, move.afterTaskId, status, now) : undefined,
    move.beforeTaskId ? neighbourForMove(db, userId, move.beforeTaskId, status, now) : undefined,
  ]);
  if (above && below) {
    if (above.position >= below.position) throw boardChanged();
    return placeBetween(above.position, below.position);
  }
  if (above) {
    const next = await neighbourPosition(db, userId, status, {
      position: above.position,
      direction: "down",
      skipTaskId: taskId,
    });
    return placeBetween(above.position, next);
  }
  if (below) {
    const previous = await neighbourPosition(db, userId, status, {
      position: below.position,
      direction: "up",
      skipTaskId: taskId,
    });
    return placeBetween(previous, below.position);
  }
  return endOfColumn(db, userId, status, taskId);
}
