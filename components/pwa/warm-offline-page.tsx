"use client";

import { useEffect } from "react";

/**
 * Asks the service worker to keep a page (Serwist's CACHE_URLS message), so it opens offline
 * even if this person never opened it online.
 */
export function WarmOfflinePage({ url }: { readonly url: string }) {
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !navigator.onLine) return;
    void navigator.serviceWorker.ready.then((registration) =>
      registration.active?.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: [url] } }),
    );
  }, [url]);
  return null;
}
