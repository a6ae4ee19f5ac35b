"use client";

import { useState } from "react";
import { noteLimits } from "@/lib/notes/constants";
import { checkTag } from "@/lib/notes/tag-rules";

interface TagInputProps {
  readonly tags: readonly string[];
  readonly onChange: (tags: readonly string[]) => void;
}

/** Tags as removable chips; Enter or a comma adds what was typed, Backspace on empty removes. */
export function TagInput({ tags, onChange }: TagInputProps) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();

  function add(raw: string) {
    if (!raw.trim()) return;
    const parsed = checkTag(raw);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    if (tags.length >= noteLimits.tags) {
      setError(`A note has at most ${noteLimits.tags} tags.`);
      return;
    }
    setError(undefined);
    setText("");
    // Appended, not sorted in: the chip just added sits by the field, where Backspace removes it.
    if (!tags.includes(parsed.tag)) onChange([...tags, parsed.tag]);
  }

  return (
    <div className="space-y-1">
      <label htmlFor="note-tags" className="block text-sm font-medium">
        Tags
      </label>
      <div className="flex flex-wrap items-center gap-2 rounded-md border border-line bg-surface p-2">
        {tags.map((tag) => (
          <span
            key={tag}
            className="inline-flex items-center gap-1 rounded-full bg-canvas px-2 py-1 text-sm"
          >
            #{tag}
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              onClick={() => onChange(tags.filter((existing) => existing !== tag))}
              className="grid size-6 place-items-center rounded-full hover:bg-line"
            >
              ×
            </button>
          </span>
        ))}
        <input
          id="note-tags"
          value={text}
          aria-describedby="note-tags-hint"
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            const value = event.target.value;
            if (value.endsWith(",")) add(value.slice(0, -1));
            else setText(value);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add(text);
            } else if (event.key === "Backspace" && text === "" && tags.length > 0) {
              onChange(tags.slice(0, -1));
            }
          }}
          onBlur={() => add(text)}
          placeholder={tags.length === 0 ? "Add a tag" : ""}
          className="min-h-9 min-w-24 flex-1 bg-transparent outline-none"
        />
      </div>
      <p id="note-tags-hint" className={`text-xs ${error ? "text-danger" : "text-muted"}`}>
        {error ?? "Press Enter or type a comma to add a tag."}
      </p>
    </div>
  );
}
