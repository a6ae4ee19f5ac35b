"use client";

import { useEffect, useState } from "react";
import { utcDay } from "@/lib/dates/display";
import { isOverdue, localToday } from "@/lib/tasks/view";

/**
 * A due date that stands out when overdue by colour and by the word "Overdue". The server does
 * not know the reader's day, so it judges by UTC and the browser corrects it once mounted.
 */
export function DueDate({
  dueDate,
  status,
}: {
  readonly dueDate: string;
  readonly status: "todo" | "in-progress" | "completed";
}) {
  const [today, setToday] = useState(() => new Date().toISOString().slice(0, 10));
  useEffect(() => setToday(localToday()), []);
  const overdue = isOverdue({ dueDate, status }, today);
  const label = utcDay(new Date(`${dueDate}T00:00:00Z`));
  return (
    <span
      data-overdue={overdue || undefined}
      className={
        overdue
          ? "inline-flex items-center gap-1 rounded bg-danger/10 px-1.5 font-semibold text-danger"
          : "text-muted"
      }
    >
      {overdue ? (
        <>
          <span aria-hidden="true">⚠</span>Overdue, due <time dateTime={dueDate}>{label}</time>
        </>
      ) : (
        <>
          Due <time dateTime={dueDate}>{label}</time>
        </>
      )}
    </span>
  );
}
