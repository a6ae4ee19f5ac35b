"use client";

import { useEffect, useSyncExternalStore } from "react";
import { replicaCookieName } from "@/lib/replica/cookie";
import { drawsFromReplica } from "@/lib/replica/views";

const unchanging = () => () => undefined;
const replicaHere = () =>
  document.cookie.split("; ").some((c) => c.startsWith(`${replicaCookieName}=`));
const notOnServer = () => false;

/**
 * How a link to `href` prefetches. A page drawn from the device's replica renders the same
 * small shell on the server whatever the data (the server skips every read), so it is safe to
 * prefetch whole and keep (Next keeps a full prefetch for 5 minutes): the switch then needs no
 * server answer at all. Without a replica the pages carry data, and keep Next's default.
 * Also starts, at idle, the tab's memory of the replica, so a task view's first render has it.
 */
export function useReplicaPrefetch(href: string): true | undefined {
  const replica = useSyncExternalStore(unchanging, replicaHere, notOnServer);
  useEffect(() => {
    if (!replica) return;
    // Loaded on demand: public pages use these links too, and first paint never needs it.
    const warm = () => void import("@/lib/replica/memory").then((m) => m.warmReplicaMemory());
    if (!("requestIdleCallback" in window)) return warm();
    const idle = requestIdleCallback(warm, { timeout: 3_000 });
    return () => cancelIdleCallback(idle);
  }, [replica]);
  const [path, search] = href.split("?");
  return replica && drawsFromReplica(path ?? href, search ?? "") ? true : undefined;
}
