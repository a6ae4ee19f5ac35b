import type { ReplayConflict } from "@/lib/tasks/replays";
import type { TaskPriority, TaskStatus } from "@/lib/tasks/schemas";
import type { Task } from "@/lib/tasks/types";

/**
 * The task editor's state and its transitions (pure: the hook `useTaskEditor` does the I/O).
 * A save names only the changed fields with the version it started from; a 409 keeps the
 * person's fields and shows the server's version until they choose.
 */
export interface TaskDraft {
  readonly description: string;
  readonly details: string;
  readonly status: TaskStatus;
  readonly priority: TaskPriority;
  readonly dueDate: string;
  readonly noteId: string;
}

export function draftOf(task: Task): TaskDraft {
  return {
    description: task.description,
    details: task.details,
    status: task.status,
    priority: task.priority,
    dueDate: task.dueDate ?? "",
    noteId: task.noteId ?? "",
  };
}

/** Only what differs from `base`; an emptied date or note is sent as null (cleared). */
export function patchOf(draft: TaskDraft, base: TaskDraft): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (draft.description !== base.description) patch.description = draft.description;
  if (draft.details !== base.details) patch.details = draft.details;
  if (draft.status !== base.status) patch.status = draft.status;
  if (draft.priority !== base.priority) patch.priority = draft.priority;
  if (draft.dueDate !== base.dueDate) patch.dueDate = draft.dueDate || null;
  if (draft.noteId !== base.noteId) patch.noteId = draft.noteId || null;
  return patch;
}

export interface EditorMessage {
  readonly text: string;
  readonly tone: "error" | "info";
}

export interface TaskEditorState {
  /** The version the next save builds on. */
  readonly task?: Task;
  readonly draft?: TaskDraft;
  /** Their version, after a 409 (now or on a replay), until the person chooses. */
  readonly conflict?: Task;
  readonly message?: EditorMessage;
  readonly saving: boolean;
  /** The linked note's title, when known. */
  readonly linkedTitle?: string;
}

export type TaskEditorAction =
  | { readonly type: "loaded"; readonly task: Task }
  | { readonly type: "loadFailed"; readonly message: string }
  | { readonly type: "edited"; readonly fields: Partial<TaskDraft> }
  | { readonly type: "noteLinked"; readonly noteId: string; readonly title?: string }
  | { readonly type: "nothingToSave" }
  | { readonly type: "saving" }
  | { readonly type: "saved"; readonly task: Task; readonly queued: boolean }
  | { readonly type: "conflicted"; readonly current: Task }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "keptMine" }
  | { readonly type: "tookTheirs" }
  | { readonly type: "replayConflicted"; readonly replay: ReplayConflict };

export function initialEditor(linkedTitle?: string): TaskEditorState {
  return { saving: false, linkedTitle };
}

/** A replayed patch over the server's fields: what the person had saved on the device. */
function draftWith(base: TaskDraft, patch: ReplayConflict["patch"]): TaskDraft {
  const fields = Object.fromEntries(
    Object.entries(patch).map(([name, value]) => [name, value ?? ""]),
  ) as Partial<TaskDraft>;
  return { ...base, ...fields };
}

export function taskEditorReducer(
  state: TaskEditorState,
  action: TaskEditorAction,
): TaskEditorState {
  switch (action.type) {
    case "loaded":
      // A replayed conflict came first: its choice stays on screen.
      if (state.conflict) return state;
      return { ...state, task: action.task, draft: draftOf(action.task) };
    case "loadFailed":
      return { ...state, message: { tone: "error", text: action.message } };
    case "edited":
      return state.draft ? { ...state, draft: { ...state.draft, ...action.fields } } : state;
    case "noteLinked":
      if (!state.draft) return state;
      return {
        ...state,
        linkedTitle: action.title,
        draft: { ...state.draft, noteId: action.noteId },
      };
    case "nothingToSave":
      return { ...state, message: { tone: "info", text: "Nothing to save." } };
    case "saving":
      return { ...state, saving: true };
    case "saved":
      return {
        ...state,
        saving: false,
        task: action.task,
        draft: draftOf(action.task),
        conflict: undefined,
        message: {
          tone: "info",
          text: action.queued
            ? "Offline: saved on this device, sent when you are back online."
            : "Saved.",
        },
      };
    case "conflicted":
      return { ...state, saving: false, conflict: action.current, message: undefined };
    case "failed":
      return { ...state, saving: false, message: { tone: "error", text: action.message } };
    case "keptMine":
      // Rebase on their version: the save then sends every field where mine differs.
      return state.conflict ? { ...state, task: state.conflict } : state;
    case "tookTheirs": {
      const theirs = state.conflict;
      if (!theirs) return state;
      return {
        ...state,
        linkedTitle: theirs.noteId !== state.draft?.noteId ? undefined : state.linkedTitle,
        task: theirs,
        draft: draftOf(theirs),
        conflict: undefined,
        message: { tone: "info", text: "Showing their version." },
      };
    }
    case "replayConflicted": {
      const { current, patch } = action.replay;
      return {
        ...state,
        saving: false,
        task: state.task ?? current,
        // An open editor keeps what is typed in it; otherwise the change that was replayed.
        draft: state.draft ?? draftWith(draftOf(current), patch),
        conflict: current,
        message: undefined,
      };
    }
  }
}
