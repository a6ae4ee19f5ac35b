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
// A caller waiting for the wipe (the outbox's replay) is not held by a database another tab
// will not let go of: the deletion finishes once it is released.
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
/** Until when this tab is changing its own session (see changingOwnSession). */
let ownChangeUntil = 0;
// Long enough for the action's answer (and its redirect or new cookie) to arrive under load.
const ownChangeMs = 15_000;

/**
 * Called as this tab submits a form that ends or renews its own session (sign out, sign out
 * everywhere, change password, delete account). The server pokes the person's devices as the
 * change commits, before this tab has the answer: its own background pull then meets a 401 that
 * is not news. The form's answer decides instead (the page a sign-out lands on wipes; a
 * changed password keeps this session with a new cookie), so such 401s are ignored for a while.
 */
export function changingOwnSession(): void {
  ownChangeUntil = Date.now() + ownChangeMs;
}
/** Signed-in pages watching for the session's end (see watchSessionEnd): only they leave. */
let signedInViews = 0;

/**
 * The device's answer to a session that ended (sign-out elsewhere, sign-out everywhere, account
 * deletion, or any 401): wipes everything it kept of the person and tells its other tabs; a
 * signed-in page goes to sign-in with a full page load, so nothing of the person stays in memory
 * either (the router's cache of visited pages, a replica read). It leaves as the wipe begins,
 * not after: the sign-in page wipes again (SignedOutCleanup), and a page that waited could
 * navigate after the person (or a test) already went elsewhere. Resolves once the wipe is done
 * (or after a few seconds if another tab holds the database). Safe to call any number of times.
 */
export function endDeviceSession(options: { readonly announce?: boolean } = {}): Promise<void> {
  if (typeof window === "undefined") return Promise.resolve();
  if (Date.now() < ownChangeUntil) return Promise.resolve();
  if (ending) return ending;
  if (options.announce !== false) announceSessionEnd();
  const wiped = settleWithin(wipeDeviceData(), wipeWaitMs);
  if (signedInViews > 0 && window.location.pathname !== signInPath) {
    window.location.replace(signInPath);
    ending = wiped;
    return ending;
  }
  // A signed-out page (sign-in, the landing a sign-out led to) stays: this document lives on
  // and may sign someone in, whose session can end anew.
  ending = wiped.then(() => {
    ending = undefined;
  });
  return ending;
}

/**
 * For signed-in pages (the app frame's SessionEndWatcher): marks the page as one to leave when
 * the session ends, and when another tab learns that it ended, this one wipes and leaves too.
 * Returns the function that stops.
 */
export function watchSessionEnd(): () => void {
  signedInViews += 1;
  const channel =
    typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel(sessionChannelName);
  if (channel) {
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (isSessionMessage(event.data)) void endDeviceSession({ announce: false });
    };
  }
  return () => {
    signedInViews -= 1;
    channel?.close();
  };
}
