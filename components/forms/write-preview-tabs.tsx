export type EditorMode = "write" | "preview";

const modes: readonly EditorMode[] = ["write", "preview"];

/** The Write / Preview switch of the markdown editors (notes, task details). */
export function WritePreviewTabs({
  mode,
  onChange,
  label,
  className = "",
}: {
  readonly mode: EditorMode;
  readonly onChange: (mode: EditorMode) => void;
  readonly label: string;
  readonly className?: string;
}) {
  return (
    <div
      role="tablist"
      aria-label={label}
      className={`flex rounded-md border border-line bg-surface p-0.5 ${className}`}
    >
      {modes.map((each) => (
        <button
          key={each}
          type="button"
          role="tab"
          aria-selected={mode === each}
          onClick={() => onChange(each)}
          className="min-h-11 rounded px-3 text-sm capitalize aria-selected:bg-canvas aria-selected:font-semibold"
        >
          {each}
        </button>
      ))}
    </div>
  );
}
