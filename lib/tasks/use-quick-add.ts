"use client";

import { type FormEvent, useRef, useState } from "react";
import { callTasksApi } from "@/lib/tasks/api-client";
import type { Task } from "@/lib/tasks/types";
import { ulid } from "@/lib/ulid";

/** What the server makes of a new task, shown at once when the change waits offline. */
function newTaskOf(taskId: string, description: string, now: string): Task {
  return {
    taskId,
    description,
    details: "",
    status: "todo",
    priority: "medium",
    dueDate: null,
    position: "",
    noteId: null,
    completedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    deletedAt: null,
  };
}

/**
 * Quick add's protocol: the task's id is made here and kept until the server confirms, so a
 * double Enter or a retry after a dropped connection cannot create the task twice.
 */
export function useQuickAdd(onCreated: (task: Task) => void) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pendingId = useRef<string | undefined>(undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const description = text.trim();
    if (!description) return;
    pendingId.current ??= ulid();
    const taskId = pendingId.current;
    setBusy(true);
    const result = await callTasksApi<Task>("/api/tasks", {
      method: "POST",
      body: { taskId, description },
      optimistic: newTaskOf(taskId, description, new Date().toISOString()),
    });
    setBusy(false);
    if (result.ok) {
      if (pendingId.current === taskId) pendingId.current = undefined;
      // The task shows at once (the replica), so the next one may be typed before this answer:
      // only the words that were sent are cleared.
      setText((current) => (current.trim() === description ? "" : current));
      setError(undefined);
      onCreated(result.data);
    } else {
      setError(result.message);
    }
  }

  return {
    text,
    error,
    busy,
    submit: (event: FormEvent) => void submit(event),
    type: (value: string) => {
      setText(value);
      // New words are a new task (the one on its way keeps its own id); an unchanged retry
      // keeps its id.
      pendingId.current = undefined;
    },
  };
}
