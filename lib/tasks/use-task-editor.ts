"use client";

import { useEffect, useReducer, useRef } from "react";
import { callTasksApi } from "@/lib/tasks/api-client";
import type { ReplayConflict } from "@/lib/tasks/replays";
import {
  draftOf,
  initialEditor,
  patchOf,
  type TaskDraft,
  taskEditorReducer,
} from "@/lib/tasks/task-editor-reducer";
import type { Task } from "@/lib/tasks/types";

interface Options {
  readonly taskId: string;
  readonly noteTitle?: string;
  /** An edit of this task replayed from the outbox that met a newer version. */
  readonly replay?: ReplayConflict;
  readonly onSaved: (task: Task) => void;
}

/** The task editor's protocol: load, save (or queue offline), conflicts now and on replay. */
export function useTaskEditor({ taskId, noteTitle, replay, onSaved }: Options) {
  const [state, dispatch] = useReducer(taskEditorReducer, noteTitle, initialEditor);
  const latest = useRef(state);
  latest.current = state;

  useEffect(() => {
    let live = true;
    void callTasksApi<Task>(`/api/tasks/${taskId}`).then((result) => {
      if (!live) return;
      if (result.ok) dispatch({ type: "loaded", task: result.data });
      else dispatch({ type: "loadFailed", message: result.message });
    });
    return () => {
      live = false;
    };
  }, [taskId]);

  useEffect(() => {
    if (replay) dispatch({ type: "replayConflicted", replay });
  }, [replay]);

  async function save(base: Task, current: TaskDraft) {
    const patch = patchOf(current, draftOf(base));
    if (Object.keys(patch).length === 0) {
      dispatch({ type: "nothingToSave" });
      return;
    }
    dispatch({ type: "saving" });
    const result = await callTasksApi<Task>(`/api/tasks/${taskId}`, {
      method: "PATCH",
      // Each changed field's value as this editor saw it: the server keeps what others changed
      // in the other fields meanwhile, and refuses only if one of these moved too.
      body: { base: patchOf(draftOf(base), current), ...patch },
      // Offline the edit waits in the outbox and is merged with others' edits when replayed.
      optimistic: { ...base, ...(patch as Partial<Task>), updatedAt: new Date().toISOString() },
    });
    if (result.ok) {
      dispatch({ type: "saved", task: result.data, queued: Boolean(result.queued) });
      onSaved(result.data);
    } else if (result.status === 409 && result.current) {
      dispatch({ type: "conflicted", current: result.current });
    } else {
      dispatch({ type: "failed", message: result.message });
    }
  }

  return {
    ...state,
    edit: (fields: Partial<TaskDraft>) => dispatch({ type: "edited", fields }),
    linkNote: (note: { noteId: string; title: string } | null) =>
      dispatch({ type: "noteLinked", noteId: note?.noteId ?? "", title: note?.title }),
    submit: () => {
      const { task, draft, conflict } = latest.current;
      if (task && draft && !conflict) void save(task, draft);
    },
    keepMine: () => {
      const { conflict, draft } = latest.current;
      if (!conflict || !draft) return;
      dispatch({ type: "keptMine" });
      void save(conflict, draft);
    },
    takeTheirs: () => {
      const { conflict } = latest.current;
      if (!conflict) return;
      dispatch({ type: "tookTheirs" });
      onSaved(conflict);
    },
  };
}
