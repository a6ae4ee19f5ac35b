"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ConflictChoice } from "@/components/forms/conflict-choice";
import { type EditorMode, WritePreviewTabs } from "@/components/forms/write-preview-tabs";
import { MarkdownView } from "@/components/notes/markdown-view";
import { TagInput } from "@/components/notes/tag-input";
import type { Note } from "@/lib/notes/types";
import { isOfflineStoreAvailable, rememberNotes } from "@/lib/offline/store";
import { onSync, sendOrQueue } from "@/lib/offline/sync";

interface Draft {
  readonly title: string;
  readonly content: string;
  readonly tags: readonly string[];
  readonly pinned: boolean;
}

type SaveState = "saved" | "unsaved" | "saving" | "offline" | "conflict" | "error";

const autosaveDelayMs = 800;

function draftOf(note: Note): Draft {
  return { title: note.title, content: note.content, tags: note.tags, pinned: note.pinned };
}

/** The fields of `draft` that differ from `base`: a PATCH names only what changed. */
function changes(draft: Draft, base: Draft): Partial<Draft> {
  const patch: Partial<Record<keyof Draft, unknown>> = {};
  if (draft.title !== base.title) patch.title = draft.title;
  if (draft.content !== base.content) patch.content = draft.content;
  if (draft.pinned !== base.pinned) patch.pinned = draft.pinned;
  if (draft.tags.join("\n") !== base.tags.join("\n")) patch.tags = draft.tags;
  return patch as Partial<Draft>;
}

const stateLabels: Record<SaveState, string> = {
  saved: "Saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  offline: "Offline, not saved",
  conflict: "Changed elsewhere",
  error: "Not saved",
};

export function NoteEditor({ initial }: { readonly initial: Note }) {
  const noteId = initial.noteId;
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [state, setState] = useState<SaveState>("saved");
  const [message, setMessage] = useState<string>();
  const [conflict, setConflict] = useState<Note>();
  const [tab, setTab] = useState<EditorMode>("write");
  // What the server last acknowledged, and the version it is at.
  const saved = useRef({ draft: draftOf(initial), version: initial.version });
  const latest = useRef(draft);
  const inFlight = useRef(false);
  const queued = useRef(false);
  const again = useRef(false);
  latest.current = draft;

  const save = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const sending = latest.current;
    const patch = changes(sending, saved.current.draft);
    if (Object.keys(patch).length === 0) {
      // Nothing new to send, but an edit may still wait in the outbox: that is not "Saved".
      setState(queued.current ? "offline" : "saved");
      return;
    }
    inFlight.current = true;
    setState("saving");
    try {
      const result = await sendOrQueue({
        method: "PATCH",
        url: `/api/notes/${noteId}`,
        body: { version: saved.current.version, ...patch },
        mergeKey: `PATCH /api/notes/${noteId}`,
        label: `Edit of “${sending.title || "Untitled"}”`,
      });
      if (result.queued) {
        // Kept in this device's outbox; the version moves on when the replay answers.
        queued.current = true;
        saved.current = { draft: sending, version: saved.current.version };
        setState("offline");
        return;
      }
      const { response } = result;
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        saved.current = { draft: sending, version: (body as Note).version };
        void rememberNotes([body as Note]);
        setMessage(undefined);
        setState(Object.keys(changes(latest.current, sending)).length === 0 ? "saved" : "unsaved");
      } else if (response.status === 409 && body.current) {
        setConflict(body.current as Note);
        setState("conflict");
      } else {
        setMessage(body.error?.message ?? `The note could not be saved (HTTP ${response.status}).`);
        setState("error");
      }
    } catch {
      setState("offline");
    } finally {
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        void save();
      }
    }
  }, [noteId]);

  // Autosave a moment after typing stops; nothing is sent while a conflict awaits a choice.
  useEffect(() => {
    if (conflict) return;
    if (Object.keys(changes(draft, saved.current.draft)).length === 0) return;
    setState((current) => (current === "saving" ? current : "unsaved"));
    const timer = setTimeout(() => void save(), autosaveDelayMs);
    return () => clearTimeout(timer);
  }, [draft, conflict, save]);

  // Keep this note for offline reading, and follow replays of edits queued while offline.
  useEffect(() => {
    if (isOfflineStoreAvailable()) void rememberNotes([initial]).catch(() => undefined);
    return onSync((event) => {
      if (event.mutation?.url !== `/api/notes/${noteId}`) return;
      queued.current = false;
      if (event.type === "replayed") {
        const note = event.body as Note;
        saved.current = { draft: draftOf(note), version: note.version };
        void rememberNotes([note]);
        void save();
      } else if (event.type === "conflict") {
        const current = (event.body as { current?: Note })?.current;
        if (current) {
          setConflict(current);
          setState("conflict");
        }
      } else if (event.type === "refused") {
        setMessage(event.message);
        setState("error");
      }
    });
  }, [initial, noteId, save]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        if (!conflict) void save();
      }
    };
    const onOnline = () => {
      if (!conflict) void save();
    };
    const onLeave = (event: BeforeUnloadEvent) => {
      if (Object.keys(changes(latest.current, saved.current.draft)).length > 0)
        event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("online", onOnline);
    window.addEventListener("beforeunload", onLeave);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("beforeunload", onLeave);
    };
  }, [conflict, save]);

  function keepMine() {
    if (!conflict) return;
    // Rebase on their version: the next save sends every field where mine differs from theirs.
    saved.current = { draft: draftOf(conflict), version: conflict.version };
    setConflict(undefined);
    void save();
  }

  function takeTheirs() {
    if (!conflict) return;
    saved.current = { draft: draftOf(conflict), version: conflict.version };
    setDraft(draftOf(conflict));
    setConflict(undefined);
    setState("saved");
  }

  const update = (fields: Partial<Draft>) => setDraft((current) => ({ ...current, ...fields }));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          aria-pressed={draft.pinned}
          onClick={() => update({ pinned: !draft.pinned })}
          className="min-h-11 rounded-md border border-line bg-surface px-3 text-sm font-medium aria-pressed:bg-accent aria-pressed:text-accent-ink"
        >
          {draft.pinned ? "Pinned" : "Pin"}
        </button>
        <WritePreviewTabs mode={tab} onChange={setTab} label="Editor mode" />
        <p
          role="status"
          aria-live="polite"
          className="ml-auto text-sm text-muted"
          data-save-state={state}
        >
          {stateLabels[state]}
          {message && <span className="block text-danger">{message}</span>}
        </p>
        <button
          type="button"
          onClick={() => void save()}
          disabled={Boolean(conflict)}
          className="min-h-11 rounded-md bg-accent px-3 text-sm font-semibold text-accent-ink disabled:opacity-60"
          title="Ctrl+S / Cmd+S"
        >
          Save
        </button>
      </div>

      {conflict && (
        <section
          role="alert"
          aria-labelledby="conflict-heading"
          className="space-y-3 rounded-xl border border-danger bg-surface p-4"
        >
          <h2 id="conflict-heading" className="font-semibold">
            This note changed elsewhere
          </h2>
          <p className="text-sm text-muted">
            Someone (or another device) saved a newer version. Your text is kept below; choose which
            to keep.
          </p>
          <details open className="rounded-md border border-line p-3 text-sm">
            <summary className="cursor-pointer font-medium">
              Their version: {conflict.title || "Untitled"}
            </summary>
            <pre className="mt-2 max-h-60 overflow-auto whitespace-pre-wrap">
              {conflict.content}
            </pre>
          </details>
          <ConflictChoice onKeepMine={keepMine} onTakeTheirs={takeTheirs} />
        </section>
      )}

      <label htmlFor="note-title" className="sr-only">
        Title
      </label>
      {/* A textarea that grows with its text, so a long title wraps on a phone; still one line. */}
      <textarea
        id="note-title"
        rows={1}
        value={draft.title}
        maxLength={200}
        onChange={(event) => update({ title: event.target.value.replace(/[\r\n]+/g, " ") })}
        onKeyDown={(event) => {
          if (event.key !== "Enter") return;
          event.preventDefault();
          document.getElementById("note-content")?.focus();
        }}
        placeholder="Untitled"
        className="block w-full resize-none bg-transparent text-2xl font-semibold outline-none [field-sizing:content] placeholder:text-muted"
      />

      {tab === "write" ? (
        <div>
          <label htmlFor="note-content" className="sr-only">
            Content (markdown)
          </label>
          <textarea
            id="note-content"
            value={draft.content}
            onChange={(event) => update({ content: event.target.value })}
            placeholder="Write in markdown…"
            className="min-h-[45vh] w-full rounded-xl border border-line bg-surface p-4 font-mono text-sm leading-6"
          />
        </div>
      ) : (
        <div role="tabpanel" className="min-h-[45vh] rounded-xl border border-line bg-surface p-4">
          {draft.content.trim() ? (
            <MarkdownView source={draft.content} />
          ) : (
            <p className="text-muted">Nothing to preview.</p>
          )}
        </div>
      )}

      <TagInput tags={draft.tags} onChange={(tags) => update({ tags })} />
    </div>
  );
}
