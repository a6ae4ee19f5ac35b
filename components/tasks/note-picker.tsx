"use client";

import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { notePageAnswer } from "@/lib/api/answers";
import { callApi } from "@/lib/api/client";
import type { NoteOption } from "@/lib/tasks/view";

const suggestions = 8;
const typingPauseMs = 200;

interface NotePickerProps {
  readonly id: string;
  readonly label: string;
  /** The linked note, if any; its title may be unknown (a note since trashed). */
  readonly value: NoteOption | null;
  readonly onChange: (note: NoteOption | null) => void;
}

/**
 * The linked-note field: an ARIA combobox that asks the notes search for a few matches as you
 * type (recent notes when empty), so the page never carries every note. Arrows move, Enter
 * picks, Escape closes; emptying the field unlinks.
 */
export function NotePicker({ id, label, value, onChange }: NotePickerProps) {
  const listId = useId();
  const [text, setText] = useState(value?.title ?? "");
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<readonly NoteOption[]>([]);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<"idle" | "loading" | "failed">("idle");

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setStatus("loading");
      const query = new URLSearchParams({ limit: String(suggestions) });
      if (text.trim()) query.set("q", text.trim());
      const result = await callApi(`/api/notes?${query}`, notePageAnswer, {
        signal: controller.signal,
      });
      if (result.ok) {
        setOptions(result.data.items.map((note) => ({ noteId: note.noteId, title: note.title })));
        setActive(-1);
        setStatus("idle");
      } else if (!controller.signal.aborted) {
        setStatus("failed");
      }
    }, typingPauseMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, text]);

  function choose(note: NoteOption) {
    onChange(note);
    setText(note.title || "Untitled");
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      if (options.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + options.length) % options.length);
    } else if (event.key === "Enter" && open) {
      // Picking a note must not submit the task's form.
      event.preventDefault();
      const note = options[active];
      if (note) choose(note);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  const expanded = open && options.length > 0;
  const note =
    status === "loading"
      ? "Searching…"
      : status === "failed"
        ? "Notes could not be searched; check your connection."
        : "No note matches.";
  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <div className="relative space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        value={text}
        placeholder="No note: type to search"
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          if (!event.target.value.trim()) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          // Typed words that were never picked do not change the link.
          if (text.trim()) setText(value ? value.title || "Untitled" : "");
        }}
        onKeyDown={onKeyDown}
        className="block min-h-11 w-full rounded-md border border-line bg-surface px-3"
      />
      {expanded && (
        <div
          id={listId}
          role="listbox"
          aria-label={label}
          className="absolute inset-x-0 top-full z-20 mt-1 max-h-72 overflow-auto rounded-md border border-line bg-surface py-1 shadow-lg"
        >
          {options.map((note, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the field's (aria-activedescendant), as the combobox pattern has it
            <div
              key={note.noteId}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              // Keep focus in the field, so the pick is not lost to its blur.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(note)}
              className="flex min-h-11 cursor-pointer items-center px-3 text-sm aria-selected:bg-canvas aria-selected:font-medium hover:bg-canvas"
            >
              {note.title || "Untitled"}
            </div>
          ))}
        </div>
      )}
      {open && options.length === 0 && (status !== "idle" || text.trim() !== "") && (
        <p
          role="status"
          className="absolute inset-x-0 top-full z-20 mt-1 rounded-md border border-line bg-surface px-3 py-2 text-sm text-muted shadow-lg"
        >
          {note}
        </p>
      )}
    </div>
  );
}
