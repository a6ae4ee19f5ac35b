"use client";

import Form from "next/form";
import { useEffect, useRef, useState } from "react";
import { SelectField } from "@/components/forms/select-field";
import { taskStatuses } from "@/lib/tasks/constants";
import { localToday, statusLabels, type TaskListView } from "@/lib/tasks/view";

/**
 * The list's filters and sort as a GET form, so a view is a URL. It carries the reader's own
 * date (`today`) for "overdue" and "due this week", and applies a choice as soon as it is made.
 */
export function TaskFilters({ view }: { readonly view: TaskListView }) {
  const form = useRef<HTMLFormElement>(null);
  const [today, setToday] = useState(view.today ?? "");
  useEffect(() => setToday(localToday()), []);
  const apply = () => form.current?.requestSubmit();
  return (
    <Form ref={form} action="/tasks" className="grid grid-cols-2 items-end gap-2 sm:grid-cols-4">
      <input type="hidden" name="today" value={today} />
      <SelectField
        id="filter-status"
        name="status"
        label="Status"
        defaultValue={view.status ?? ""}
        onChange={apply}
        options={[
          { value: "", label: "Open tasks" },
          ...taskStatuses.map((value) => ({ value, label: statusLabels[value] })),
        ]}
      />
      <SelectField
        id="filter-due"
        name="due"
        label="Due"
        defaultValue={view.due ?? ""}
        onChange={apply}
        options={[
          { value: "", label: "Any date" },
          { value: "overdue", label: "Overdue" },
          { value: "week", label: "Due this week" },
        ]}
      />
      <SelectField
        id="filter-sort"
        name="sort"
        label="Sort by"
        defaultValue={view.sort}
        onChange={apply}
        options={[
          { value: "due", label: "Due date" },
          { value: "priority", label: "Priority" },
          { value: "created", label: "Newest first" },
        ]}
      />
      {/* A choice applies at once; without JavaScript the form needs its button. */}
      <noscript>
        <button
          type="submit"
          className="min-h-11 w-full rounded-md border border-line bg-surface px-4 text-sm font-medium"
        >
          Apply
        </button>
      </noscript>
    </Form>
  );
}
