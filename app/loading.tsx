export default function Loading() {
  return (
    <div
      role="status"
      aria-live="polite"
      className="mx-auto flex max-w-5xl items-center gap-3 px-4 py-12 text-muted"
    >
      <span className="size-4 animate-spin rounded-full border-2 border-line border-t-accent" />
      Loading…
    </div>
  );
}
