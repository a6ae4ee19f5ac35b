"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ConflictChoice } from "@/components/forms/conflict-choice";
import { type EditorMode, WritePreviewTabs } from "@/components/forms/write-preview-tabs";
import { MarkdownView } from "@/components/notes/lazy-markdown-view";
import { TagInput } from "@/components/notes/tag-input";
import { useKeptCaret } from "@/components/notes/use-kept-caret";
import { useRemoteImages } from "@/components/notes/use-remote-images";
import { useTextUploads } from "@/components/notes/use-text-uploads";
import { type SourcePoint, setChecklistItemAt } from "@/lib/notes/checklist";
import type { Note } from "@/lib/notes/types";
import { type SaveState, useNoteDraft } from "@/lib/notes/use-note-draft";
import type { NoteFields } from "@/lib/offline/drafts";

const stateLabels: Record<SaveState, string> = {
  saved: "Saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  offline: "Offline, not saved",
  conflict: "Changed elsewhere",
  error: "Not saved",
};

/**
 * Edits one note; `initial` null opens a note that does not exist yet (created with its first
 * title or text, see useNoteDraft).
 */
export function NoteEditor({
  noteId,
  initial,
  prefill,
  onCreated,
  latest,
}: {
  readonly noteId: string;
  readonly initial: Note | null;
  readonly prefill?: Partial<NoteFields>;
  readonly onCreated?: () => void;
  /** The note as the replica has it now: followed while nothing typed here is pending. */
  readonly latest?: Note;
}) {
  const {
    fields: draft,
    conflict,
    message,
    state,
    loaded,
    update,
    editContent,
    savedFields,
    save,
    keepMine,
    takeTheirs,
  } = useNoteDraft({ noteId, initial, prefill, onCreated, latest });
  const [tab, setTab] = useState<EditorMode>("write");
  const title = useRef<HTMLTextAreaElement>(null);
  const content = useRef<HTMLTextAreaElement>(null);
  const rememberCaret = useKeptCaret(content, draft.content);
  const isNew = initial === null;
  const uploads = useTextUploads(noteId, editContent);
  // Saved means the server holds the choice: reloading before would lose it.
  const showRemoteImages = useRemoteImages(
    draft.remoteImages,
    state === "saved" && Boolean(savedFields?.remoteImages),
  );
  const toggleTask = useCallback(
    (point: SourcePoint, checked: boolean) =>
      editContent((content) => setChecklistItemAt(content, point, checked) ?? content),
    [editContent],
  );

  // A new note starts in its title, once any draft kept on the device is in.
  useEffect(() => {
    if (isNew && loaded) title.current?.focus();
  }, [isNew, loaded]);

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
        ref={title}
        readOnly={!loaded}
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
            ref={content}
            readOnly={!loaded}
            value={draft.content}
            onChange={(event) => {
              update({ content: event.target.value });
              rememberCaret();
            }}
            onSelect={rememberCaret}
            onPaste={uploads.onPaste}
            onDrop={uploads.onDrop}
            placeholder="Write in markdown…"
            className="min-h-[45vh] w-full rounded-xl border border-line bg-surface p-4 font-mono text-sm leading-6"
          />
          <p role="status" aria-live="polite" className="text-sm text-muted">
            {uploads.notice}
          </p>
        </div>
      ) : (
        <div role="tabpanel" className="min-h-[45vh] rounded-xl border border-line bg-surface p-4">
          {draft.content.trim() ? (
            <MarkdownView
              source={draft.content}
              noteId={noteId}
              remoteImages={showRemoteImages}
              onRemoteImagesChange={(remoteImages) => update({ remoteImages })}
              onToggleTask={toggleTask}
            />
          ) : (
            <p className="text-muted">Nothing to preview.</p>
          )}
        </div>
      )}

      <TagInput tags={draft.tags} onChange={(tags) => update({ tags })} />
    </div>
  );
}
