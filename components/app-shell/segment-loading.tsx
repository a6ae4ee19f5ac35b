/** The loading state every segment shows while its data arrives. */
export function SegmentLoading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-12 text-muted">
      <span className="size-4 animate-spin rounded-full border-2 border-line border-t-accent" />
      Loading…
    </div>
  );
}
