import { deleteDB } from "idb";

/**
 * What a device keeps of the signed-in person besides the app shell: the IndexedDB database
 * (replica, outbox, drafts, files), the service worker's runtime caches and the replica cookie.
 * Shared by the page and the service worker (app/sw.ts), which both wipe it when a session
 * ends (issue 13 §5). No store code or schemas here: signed-out pages wipe with this alone.
 */
export const offlineDatabaseName = "jotboard";

/** Set once the replica is ready (the server then renders from it); one person's only. */
export const replicaCookieName = "jotboard-replica";

/** Where one tab tells the others that the session ended (they wipe too, and leave). */
export const sessionChannelName = "jotboard-session";

const signInPath = "/signin";
// Leaving matters more than waiting for a database another tab will not let go of: the
// sign-in page wipes again (SignedOutCleanup), and the deletion finishes once it is released.
const wipeWaitMs = 3_000;

/** Every runtime cache (pages, API answers); the precached app shell and offline page stay. */
export async function clearRuntimeCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  const names = await caches.keys();
  await Promise.all(
    names.filter((name) => !name.startsWith("serwist-precache")).map((name) => caches.delete(name)),
  );
}

/** The replica cookie's deletion, as `document.cookie` takes it. */
export function expiredReplicaCookie(): string {
  return `${replicaCookieName}=; path=/; max-age=0; samesite=lax`;
}

/**
 * Deletes the database, the runtime caches and the replica cookie. A tab holding the database
 * open lets go when asked (lib/offline/store.ts closes on `versionchange`).
 */
export async function wipeDeviceData(): Promise<void> {
  // biome-ignore lint/suspicious/noDocumentCookie: one fixed string, and every browser has it (the Cookie Store API is newer)
  if (typeof document !== "undefined") document.cookie = expiredReplicaCookie();
  await Promise.all([deleteDB(offlineDatabaseName), clearRuntimeCaches()]);
}

type SessionMessage = { readonly type: "session-ended" };

function isSessionMessage(data: unknown): data is SessionMessage {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as { type?: unknown }).type === "session-ended"
  );
}

/** Tells this browser's other tabs that the session ended (no-op without BroadcastChannel). */
export function announceSessionEnd(): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(sessionChannelName);
  channel.postMessage({ type: "session-ended" } satisfies SessionMessage);
  channel.close();
}

function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

let ending: Promise<void> | undefined;

/**
 * The device's answer to a session that ended (sign-out elsewhere, sign-out everywhere, account
 * deletion, or any 401): wipes everything it kept of the person, tells its other tabs, and goes
 * to sign-in with a full page load, so nothing of the person stays in memory either (the
 * router's cache of visited pages, a replica read). Safe to call any number of times.
 */
export function endDeviceSession(options: { readonly announce?: boolean } = {}): Promise<void> {
  if (typeof window === "undefined") return Promise.resolve();
  ending ??= (async () => {
    if (options.announce !== false) announceSessionEnd();
    await settleWithin(wipeDeviceData(), wipeWaitMs);
    if (window.location.pathname !== signInPath) window.location.replace(signInPath);
    // Already there: this document lives on and may sign someone in, whose session ends anew.
    else ending = undefined;
  })();
  return ending;
}

/**
 * For signed-in pages: when another tab learns that the session ended, this one wipes and
 * leaves too. Returns the function that stops listening.
 */
export function watchSessionEnd(): () => void {
  if (typeof BroadcastChannel === "undefined") return () => undefined;
  const channel = new BroadcastChannel(sessionChannelName);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (isSessionMessage(event.data)) void endDeviceSession({ announce: false });
  };
  return () => channel.close();
}
