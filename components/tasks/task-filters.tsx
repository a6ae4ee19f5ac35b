"use client";

import Form from "next/form";
import { useEffect, useRef, useState } from "react";
import type { TaskListView } from "@/lib/tasks/view";
import { localToday } from "@/lib/tasks/view";

const selectClass = "block min-h-11 w-full rounded-md border border-line bg-surface px-3";

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
      <div className="space-y-1">
        <label htmlFor="filter-status" className="block text-sm font-medium">
          Status
        </label>
        <select
          id="filter-status"
          name="status"
          defaultValue={view.status ?? ""}
          onChange={apply}
          className={selectClass}
        >
          <option value="">Open (to do and in progress)</option>
          <option value="todo">To do</option>
          <option value="in-progress">In progress</option>
          <option value="completed">Done</option>
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-due" className="block text-sm font-medium">
          Due
        </label>
        <select
          id="filter-due"
          name="due"
          defaultValue={view.due ?? ""}
          onChange={apply}
          className={selectClass}
        >
          <option value="">Any date</option>
          <option value="overdue">Overdue</option>
          <option value="week">Due this week</option>
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-sort" className="block text-sm font-medium">
          Sort by
        </label>
        <select
          id="filter-sort"
          name="sort"
          defaultValue={view.sort}
          onChange={apply}
          className={selectClass}
        >
          <option value="due">Due date</option>
          <option value="priority">Priority</option>
          <option value="created">Newest first</option>
        </select>
      </div>
      <button
        type="submit"
        className="min-h-11 rounded-md border border-line bg-surface px-4 text-sm font-medium"
      >
        Apply
      </button>
    </Form>
  );
}
