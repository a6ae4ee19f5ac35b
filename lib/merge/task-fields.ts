/**
 * Per-field merging of task edits (issue 13 §4). A task change names the fields it sets and, for
 * each, the value the client last saw (its `base`). It conflicts only where another device moved
 * one of those fields to a third value; what others changed in fields this change leaves alone
 * is kept. Pure, shared by the server (which decides) and its tests.
 */
export const taskMergeFields = [
  "description",
  "details",
  "status",
  "priority",
  "dueDate",
  "noteId",
] as const;
export type TaskMergeField = (typeof taskMergeFields)[number];

/** A task's mergeable fields as the API shows them (`null`: no date, no note). */
export type TaskFieldValues = { readonly [F in TaskMergeField]: string | null };

/** Some fields' values: what a change sets, or what its client saw before (`null` clears). */
export type TaskFieldChange = { readonly [F in TaskMergeField]?: string | null };

/** The API reads `null`, absent and "" alike for the optional fields (details, date, note). */
function same(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a || null) === (b || null);
}

/**
 * The fields of `patch` that changed elsewhere since `base` to something other than what
 * `patch` sets them to. Empty: the change applies over whatever else moved meanwhile.
 */
export function conflictingTaskFields(
  current: TaskFieldValues,
  patch: TaskFieldChange,
  base: TaskFieldChange,
): TaskMergeField[] {
  return taskMergeFields.filter(
    (field) =>
      field in patch && !same(current[field], base[field]) && !same(current[field], patch[field]),
  );
}
