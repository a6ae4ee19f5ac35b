"use client";

import { useSerwist } from "@serwist/next/react";
import { useEffect, useRef, useState } from "react";

/** Offers the new version once its service worker is waiting; reloads only when asked. */
export function UpdatePrompt() {
  const { serwist } = useSerwist();
  const [waiting, setWaiting] = useState(false);
  // The first install also takes control of the page: only a chosen update may reload it.
  const updateChosen = useRef(false);

  useEffect(() => {
    if (!serwist) return;
    const onWaiting = () => setWaiting(true);
    const onControlling = () => {
      if (updateChosen.current) window.location.reload();
    };
    serwist.addEventListener("waiting", onWaiting);
    serwist.addEventListener("controlling", onControlling);
    return () => {
      serwist.removeEventListener("waiting", onWaiting);
      serwist.removeEventListener("controlling", onControlling);
    };
  }, [serwist]);

  if (!waiting) return null;
  return (
    <div
      role="status"
      className="fixed inset-x-4 bottom-[calc(5rem+env(safe-area-inset-bottom))] z-50 mx-auto flex max-w-md items-center gap-3 rounded-xl border border-line bg-surface p-3 shadow-lg sm:bottom-4"
    >
      <span className="flex-1 text-sm">New version available.</span>
      <button
        type="button"
        onClick={() => {
          updateChosen.current = true;
          serwist?.messageSkipWaiting();
        }}
        className="min-h-11 rounded-md bg-accent px-3 text-sm font-semibold text-accent-ink"
      >
        Reload
      </button>
    </div>
  );
}
