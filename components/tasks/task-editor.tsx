"use client";

import { type FormEvent, useState } from "react";
import { ConflictChoice } from "@/components/forms/conflict-choice";
import { SelectField } from "@/components/forms/select-field";
import { type EditorMode, WritePreviewTabs } from "@/components/forms/write-preview-tabs";
import { MarkdownView } from "@/components/notes/lazy-markdown-view";
import { NotePicker } from "@/components/tasks/note-picker";
import {
  type TaskPriority,
  type TaskStatus,
  taskPriorities,
  taskStatuses,
} from "@/lib/tasks/constants";
import type { ReplayConflict } from "@/lib/tasks/replays";
import type { Task } from "@/lib/tasks/types";
import { useTaskEditor } from "@/lib/tasks/use-task-editor";
import { priorityLabels, statusLabels } from "@/lib/tasks/view";

interface TaskEditorProps {
  readonly id: string;
  readonly taskId: string;
  /** The linked note's title, when the list knows it. */
  readonly noteTitle?: string;
  /** An edit of this task made offline that met a newer version when it was replayed. */
  readonly replay?: ReplayConflict;
  readonly onSaved: (task: Task) => void;
  readonly onTrash: () => void;
  readonly onClose: () => void;
}

/**
 * Edits a task in place. A save names only the changed fields with the version it started from;
 * when someone else saved first (409, now or when an offline save is replayed) it shows their
 * version and lets the person choose, as the notes editor does.
 */
export function TaskEditor({
  id,
  taskId,
  noteTitle,
  replay,
  onSaved,
  onTrash,
  onClose,
}: TaskEditorProps) {
  const editor = useTaskEditor({ taskId, noteTitle, replay, onSaved });
  const { task, draft, conflict, message, saving, linkedTitle } = editor;
  const [tab, setTab] = useState<EditorMode>("write");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    editor.submit();
  }

  const update = editor.edit;
  const field = (name: string) => `${id}-${name}`;

  return (
    <div id={id} className="mt-2 space-y-3 rounded-lg border border-line bg-canvas p-3">
      {conflict && (
        <section
          role="alert"
          aria-labelledby={field("conflict")}
          className="space-y-2 rounded-lg border border-danger bg-surface p-3"
        >
          <h3 id={field("conflict")} className="font-semibold">
            This task changed elsewhere
          </h3>
          <p className="text-sm text-muted">
            A newer version was saved on another device. Your changes are kept below; choose which
            to keep.
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted">Their description</dt>
            <dd className="break-words">{conflict.description}</dd>
            <dt className="text-muted">Status</dt>
            <dd>{statusLabels[conflict.status]}</dd>
            <dt className="text-muted">Priority</dt>
            <dd>{priorityLabels[conflict.priority]}</dd>
            <dt className="text-muted">Due</dt>
            <dd>{conflict.dueDate ?? "No date"}</dd>
          </dl>
          <ConflictChoice onKeepMine={editor.keepMine} onTakeTheirs={editor.takeTheirs} />
        </section>
      )}
      {!draft ? (
        <p role="status" className="text-sm text-muted">
          {message?.text ?? "Loading…"}
        </p>
      ) : (
        <form onSubmit={onSubmit} className="space-y-3" aria-label="Edit task">
          <div className="space-y-1">
            <label htmlFor={field("description")} className="block text-sm font-medium">
              Description
            </label>
            <input
              id={field("description")}
              value={draft.description}
              maxLength={500}
              required
              onChange={(event) => update({ description: event.target.value })}
              className="block min-h-11 w-full rounded-md border border-line bg-surface px-3 py-2 text-base"
            />
          </div>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <SelectField
              id={field("status")}
              label="Status"
              value={draft.status}
              onChange={(event) => update({ status: event.target.value as TaskStatus })}
              options={taskStatuses.map((value) => ({ value, label: statusLabels[value] }))}
            />
            <SelectField
              id={field("priority")}
              label="Priority"
              value={draft.priority}
              onChange={(event) => update({ priority: event.target.value as TaskPriority })}
              options={taskPriorities.map((value) => ({ value, label: priorityLabels[value] }))}
            />
            <div className="space-y-1">
              <label htmlFor={field("due")} className="block text-sm font-medium">
                Due date
              </label>
              <input
                id={field("due")}
                type="date"
                value={draft.dueDate}
                onChange={(event) => update({ dueDate: event.target.value })}
                className="block min-h-11 w-full rounded-md border border-line bg-surface px-3"
              />
            </div>
            <NotePicker
              // A fresh field whenever the task is replaced (saved, or their version taken).
              key={task?.version}
              id={field("note")}
              label="Linked note"
              value={
                draft.noteId
                  ? { noteId: draft.noteId, title: linkedTitle ?? "The linked note" }
                  : null
              }
              onChange={editor.linkNote}
            />
          </div>
          <div className="space-y-1">
            <div className="flex items-center gap-2">
              <span id={field("details-label")} className="text-sm font-medium">
                Details (markdown)
              </span>
              <WritePreviewTabs
                mode={tab}
                onChange={setTab}
                label="Details mode"
                className="ml-auto"
              />
            </div>
            {tab === "write" ? (
              <textarea
                aria-labelledby={field("details-label")}
                value={draft.details}
                onChange={(event) => update({ details: event.target.value })}
                rows={5}
                className="block w-full rounded-md border border-line bg-surface p-3 font-mono text-sm"
              />
            ) : (
              <div
                role="tabpanel"
                className="min-h-20 rounded-md border border-line bg-surface p-3"
              >
                {draft.details.trim() ? (
                  <MarkdownView source={draft.details} />
                ) : (
                  <p className="text-sm text-muted">Nothing to preview.</p>
                )}
              </div>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="submit"
              disabled={saving || Boolean(conflict)}
              className="min-h-11 rounded-md bg-accent px-4 text-sm font-semibold text-accent-ink disabled:opacity-60"
            >
              {saving ? "Saving…" : "Save"}
            </button>
            <button
              type="button"
              onClick={onClose}
              className="min-h-11 rounded-md border border-line bg-surface px-3 text-sm font-medium"
            >
              Close
            </button>
            <p
              role="status"
              aria-live="polite"
              className={`text-sm ${message?.tone === "error" ? "text-danger" : "text-success"}`}
            >
              {message?.text}
            </p>
            <button
              type="button"
              onClick={onTrash}
              className="ml-auto min-h-11 rounded-md px-3 text-sm font-medium text-danger hover:bg-surface"
            >
              Delete
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
