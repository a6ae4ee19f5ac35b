/// <reference lib="webworker" />
import { defaultCache } from "@serwist/next/worker";
import {
  NetworkOnly,
  type PrecacheEntry,
  Serwist,
  type SerwistGlobalConfig,
  type SerwistPlugin,
} from "serwist";
import { clearRuntimeCaches, offlineDatabaseName } from "@/lib/offline/device-data";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/** Resolves once the store is deleted, or once open pages were asked to let go of it. */
function deleteOfflineDatabase(): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(offlineDatabaseName);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * A 401 means the session is gone (signed out, or out everywhere from another device): whatever
 * this device kept of the account goes before the page even sees the answer, so nobody holding
 * the device reads it offline afterwards.
 */
const wipeOnSessionEnd: SerwistPlugin = {
  async fetchDidSucceed({ response }) {
    if (response.status === 401) {
      await Promise.all([clearRuntimeCaches(), deleteOfflineDatabase()]);
    }
    return response;
  },
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // A new version waits until the person chooses to reload (see update-prompt.tsx), so an
  // open editor is never swapped out from under them.
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: [
    // The API answers one person's requests under URLs that are the same for everyone: never
    // cached (IndexedDB keeps what offline use needs), and the first match wins over
    // defaultCache's NetworkFirst "apis" cache.
    {
      matcher: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith("/api/"),
      handler: new NetworkOnly({ plugins: [wipeOnSessionEnd] }),
    },
    ...defaultCache,
  ],
  fallbacks: {
    entries: [{ url: "/~offline", matcher: ({ request }) => request.destination === "document" }],
  },
});

serwist.addEventListeners();
