"use client";

import { useEffect } from "react";

/**
 * Asks the service worker to keep a page it does not have yet (Serwist's CACHE_URLS message), so
 * the page opens offline even if this person never opened it online. Opening it online later
 * refreshes the copy (cacheOnNavigation).
 */
export function WarmOfflinePage({ url }: { readonly url: string }) {
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !navigator.onLine) return;
    void (async () => {
      const registration = await navigator.serviceWorker.ready;
      if (await caches.match(url)) return;
      registration.active?.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: [url] } });
    })().catch(() => undefined);
  }, [url]);
  return null;
}
