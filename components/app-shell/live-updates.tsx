"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { ReplicaProgress } from "@/components/app-shell/replica-progress";
import { useReplicaStatus } from "@/lib/replica/hooks";
import { drawsFromReplica } from "@/lib/replica/views";

/**
 * Keeps a signed-in page current with changes made on the person's other devices (issue 13
 * §2–3): once the page is idle it starts the replica's sync engine and loads the live-update
 * client (and the MQTT library). A poke pulls the changes into the replica, whose views redraw
 * themselves; a page not drawn from the replica (or while the replica fills) is refreshed from
 * the server as before. A refresh keeps client state, so an open editor's text and draft stay
 * as typed. Unmounting (signing out) disconnects and stops syncing.
 */
export function LiveUpdates({ userId }: { readonly userId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const routerPath = useRef(pathname);
  routerPath.current = pathname;
  const { state } = useReplicaStatus();
  const ready = useRef(false);
  ready.current = state === "ready";
  useEffect(() => {
    // A page that rewrote its URL behind the router's back (the new note's #id, then
    // /notes/<id>, written with Next's own history state) owns its view: router.refresh()
    // would put the router's older URL back.
    const refresh = () => {
      const { pathname: path, search, hash } = window.location;
      if (path !== routerPath.current || hash) return;
      if (!ready.current || !drawsFromReplica(path, search)) router.refresh();
    };
    let stop: (() => void) | undefined;
    let cancelled = false;
    const begin = () => {
      void Promise.all([
        import("@/lib/replica/sync-engine"),
        import("@/lib/realtime/live-client"),
      ]).then(([{ pullNow, startSync }, { startLiveUpdates }]) => {
        if (cancelled) return;
        const stopSync = startSync(userId);
        const stopLive = startLiveUpdates(() => {
          void pullNow();
          refresh();
        });
        stop = () => {
          stopLive();
          stopSync();
        };
      });
    };
    // Safari has no requestIdleCallback: a second's delay stands in for it.
    const idle =
      "requestIdleCallback" in window ? requestIdleCallback(begin, { timeout: 3_000 }) : undefined;
    const timer = idle === undefined ? setTimeout(begin, 1_000) : undefined;
    return () => {
      cancelled = true;
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
      stop?.();
    };
  }, [router, userId]);
  return <ReplicaProgress />;
}
