import * as z from "zod/mini";
import { ulidPattern } from "@/lib/id-pattern";
import { dueFilters, taskStatuses } from "@/lib/tasks/constants";
import { taskSorts } from "@/lib/tasks/view";

/**
 * The list page's query; anything malformed falls back to the default rather than failing.
 * Apart from lib/tasks/view.ts so the labels the board and list draw with at first paint do not
 * bring zod's date formats along (the page reads this on the server).
 */
const orNothing = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);
export const taskListViewSchema = z.object({
  sort: z.catch(z.enum(taskSorts), "due"),
  status: orNothing(z.enum(taskStatuses)),
  due: orNothing(z.enum(dueFilters)),
  today: orNothing(
    z.iso.date().check(z.refine((date) => date >= "1970-01-01" && date <= "9999-12-24")),
  ),
  task: orNothing(z.string().check(z.regex(ulidPattern))),
});
export type TaskListView = z.output<typeof taskListViewSchema>;
