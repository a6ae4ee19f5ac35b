/**
 * The tasks repository: the only code that reads and writes tasks in DynamoDB. Split by seam:
 * mapping (item <-> Task), writes (every change, through `writeRecord` in lib/db/records.ts),
 * positions (board order), queries (pages of cards) and purge (account deletion).
 */
import "server-only";

export { deleteAllTasks, listAllTaskIds } from "@/lib/db/tasks/purge";
export {
  getTask,
  listColumn,
  listDueTasks,
  listTasks,
  listTasksLinkedToNote,
  type TaskListOptions,
} from "@/lib/db/tasks/queries";
export {
  createTask,
  deleteTrashedTask,
  moveTask,
  type NewTask,
  restoreTask,
  type TaskMove,
  type TaskPatch,
  type TaskPatchBase,
  trashTask,
  updateTask,
} from "@/lib/db/tasks/writes";
