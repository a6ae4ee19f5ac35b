"use client";

import { useRouter } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";
import { afterPageLoad } from "@/lib/client/after-page-load";
import { replicaCookieName } from "@/lib/replica/cookie";
import { drawsFromReplica } from "@/lib/replica/views";

const unchanging = () => () => undefined;
let seen: boolean | undefined;
/**
 * Whether the replica's cookie is set. Read once per task, not per link: a list page renders
 * 30+ links, each asking twice per render, and parsing document.cookie each time showed in the
 * navigation bench's CPU profile.
 */
const replicaHere = () => {
  if (seen === undefined) {
    seen = document.cookie.split("; ").some((c) => c.startsWith(`${replicaCookieName}=`));
    setTimeout(() => {
      seen = undefined;
    }, 0);
  }
  return seen;
};
const notOnServer = () => false;

/**
 * Whether this tab's first page has settled: after the person's first interaction, or 5 s after
 * load (afterPageLoad). Until then a device without a replica prefetches nothing: on a first
 * visit Next's viewport prefetch sent ~16 requests for the links on screen while the list
 * hydrated: the router decoding them took main-thread time the page needed, and on a small
 * machine the server rendering them took CPU from the browser. Once settled, for the tab.
 */
let settled = false;
const settledListeners = new Set<() => void>();
let settling = false;
const onSettled = (listener: () => void) => {
  settledListeners.add(listener);
  if (settling) return () => settledListeners.delete(listener);
  settling = true;
  afterPageLoad(() => {
    // Not inside the first interaction's event: every link on screen renders again.
    const settle = () => {
      settled = true;
      for (const notify of [...settledListeners]) notify();
    };
    if ("requestIdleCallback" in window) requestIdleCallback(settle, { timeout: 1_000 });
    else setTimeout(settle, 0);
  });
  return () => settledListeners.delete(listener);
};
const pageSettled = () => settled;

/**
 * The main views drawn from the replica. Their shells carry no data, so warming them once per
 * tab (answer and code) makes a first switch to any of them as quick as a later one: without
 * it the first visit of the board waited for its answer and its chunks (~250 ms in the bench).
 * The nav links prefetch the notes list and the task list already; the board is a link of the
 * task views only.
 */
const mainViews = ["/tasks/board", "/tasks", "/notes"] as const;

/** Next's own value for a whole-route prefetch (its `PrefetchKind` enum is not exported). */
const fullPrefetch = { kind: "full" } as unknown as Parameters<
  ReturnType<typeof useRouter>["prefetch"]
>[1];

let warmed = false;
/** The main views' prefetches are queued: links to single notes may queue theirs behind. */
let viewsQueued = false;
const queuedListeners = new Set<() => void>();
const onViewsQueued = (listener: () => void) => {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
};
const mainViewsQueued = () => viewsQueued;

/**
 * Once per tab, as soon as the page has loaded (never inside the load window, so it adds nothing
 * to first load): the main views' routes, then, at idle, the tab's memory of the replica (a
 * task view's first render has it; reading 2,000 tasks is main-thread work a first paint must
 * not wait behind). The routes go at once, not at idle: a person's first switch can come within
 * a few hundred ms of the list showing, and an unfinished prefetch is no help then.
 */
function warmOnce(prefetch: (href: string) => void): void {
  if (warmed) return;
  warmed = true;
  const warm = () => {
    for (const href of mainViews) prefetch(href);
    // Next runs 4 prefetches at a time, in the order asked: the cards on screen (a dozen
    // notes) come after the views a first switch most likely goes to.
    viewsQueued = true;
    for (const listener of [...queuedListeners]) listener();
    // Loaded on demand: public pages use these links too, and first paint never needs it.
    const remember = () => void import("@/lib/replica/memory").then((m) => m.warmReplicaMemory());
    if ("requestIdleCallback" in window) requestIdleCallback(remember, { timeout: 3_000 });
    else setTimeout(remember, 0);
  };
  if (document.readyState === "complete") warm();
  else window.addEventListener("load", warm, { once: true });
}

/**
 * How a link to `href` prefetches. A page drawn from the device's replica renders the same
 * small shell on the server whatever the data (the server skips every read), so it is safe to
 * prefetch whole and keep (Next keeps a full prefetch for 5 minutes): the switch then needs no
 * server answer at all. This holds for a note too (its shell names only the note's id): the
 * cards on screen prefetch theirs as they come into view. Without a replica the pages carry
 * data, and keep Next's default once the page has settled (see `settled`).
 */
export function useReplicaPrefetch(href: string): boolean | undefined {
  const replica = useSyncExternalStore(unchanging, replicaHere, notOnServer);
  const queued = useSyncExternalStore(onViewsQueued, mainViewsQueued, notOnServer);
  const ready = useSyncExternalStore(onSettled, pageSettled, notOnServer);
  const router = useRouter();
  useEffect(() => {
    if (replica) warmOnce((view) => router.prefetch(view, fullPrefetch));
  }, [replica, router]);
  if (!replica) return ready ? undefined : false;
  const [path, search] = href.split("?");
  if (!drawsFromReplica(path ?? href, search ?? "")) return undefined;
  // A single note's link waits (no prefetch at all) until the main views are queued.
  return mainViews.some((view) => view === path) || queued;
}
