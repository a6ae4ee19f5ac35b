import { deleteDB } from "idb";

/**
 * What a device keeps of the signed-in person besides the app shell: the IndexedDB store and the
 * service worker's runtime caches. Shared by the page (lib/offline/store.ts) and the service
 * worker (app/sw.ts), which both wipe it when a session ends.
 */
export const offlineDatabaseName = "jotboard";

/** Every runtime cache (pages, API answers); the precached app shell and offline page stay. */
export async function clearRuntimeCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  const names = await caches.keys();
  await Promise.all(
    names.filter((name) => !name.startsWith("serwist-precache")).map((name) => caches.delete(name)),
  );
}

/**
 * Deletes the IndexedDB store and the runtime caches. For pages that never open the store (the
 * sign-in page): they need the wipe without the store's code and its schemas.
 */
export async function wipeDeviceData(): Promise<void> {
  await deleteDB(offlineDatabaseName);
  await clearRuntimeCaches();
}
