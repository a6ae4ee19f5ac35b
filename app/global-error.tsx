"use client";

import "./globals.css";
import { ErrorPanel } from "@/components/app-shell/error-panel";

/** Replaces the root layout when it fails, so it brings its own html and body. */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body className="mx-auto max-w-xl p-6">
        <ErrorPanel title="Jotboard could not load" digest={error.digest} onRetry={reset} />
      </body>
    </html>
  );
}
