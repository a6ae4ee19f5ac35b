"use client";

interface ErrorPanelProps {
  readonly title: string;
  readonly digest?: string;
  readonly onRetry: () => void;
}

/** What a failed segment shows: a plain message, the error's digest for support, and a retry. */
export function ErrorPanel({ title, digest, onRetry }: ErrorPanelProps) {
  return (
    <div role="alert" className="space-y-4 rounded-xl border border-line bg-surface p-6">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-muted">
        Nothing you saved is lost. Try again; if it keeps happening, reload the page.
        {digest && <span className="mt-2 block text-xs">Reference: {digest}</span>}
      </p>
      <button
        type="button"
        onClick={onRetry}
        className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-ink"
      >
        Try again
      </button>
    </div>
  );
}
