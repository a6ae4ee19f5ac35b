"use client";

import { ErrorPanel } from "@/components/app-shell/error-panel";

export default function RootError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="mx-auto w-full max-w-xl px-4 py-10">
      <ErrorPanel title="Something went wrong" digest={error.digest} onRetry={reset} />
    </main>
  );
}
