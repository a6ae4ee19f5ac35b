"use client";

import { ErrorPanel } from "@/components/app-shell/error-panel";

export default function RootError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorPanel title="Something went wrong" digest={error.digest} onRetry={reset} />;
}
