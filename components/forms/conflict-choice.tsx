/** The two ways out of an edit conflict, as both editors (notes, tasks) offer them. */
export function ConflictChoice({
  onKeepMine,
  onTakeTheirs,
}: {
  readonly onKeepMine: () => void;
  readonly onTakeTheirs: () => void;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <button
        type="button"
        onClick={onKeepMine}
        className="min-h-11 rounded-md bg-accent px-3 text-sm font-semibold text-accent-ink"
      >
        Keep mine
      </button>
      <button
        type="button"
        onClick={onTakeTheirs}
        className="min-h-11 rounded-md border border-line bg-surface px-3 text-sm font-medium"
      >
        Use theirs
      </button>
    </div>
  );
}
