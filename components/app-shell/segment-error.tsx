"use client";

import { ErrorPanel } from "@/components/app-shell/error-panel";

/** The error boundary every segment uses: nothing lost, retry. */
export function SegmentError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorPanel title="This page could not load" digest={error.digest} onRetry={reset} />;
}
