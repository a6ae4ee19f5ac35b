"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { ReplicaProgress } from "@/components/app-shell/replica-progress";
import { afterPageLoad } from "@/lib/client/after-page-load";
import { hasReplicaCookie } from "@/lib/replica/cookie";
import { useReplicaStatus } from "@/lib/replica/hooks";
import { drawsFromReplica } from "@/lib/replica/views";

/**
 * Keeps a signed-in page current with changes made on the person's other devices (issue 13
 * §2–3): it starts the replica's sync engine and loads the live-update client (and the MQTT
 * library) without weighing on the page's load (see below). A poke pulls the changes into the
 * replica, whose views redraw themselves; a page not drawn from the replica (or while the replica fills) is refreshed from
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
    let stopSync: (() => void) | undefined;
    let stopLive: (() => void) | undefined;
    let cancelled = false;
    const engine = () => import("@/lib/replica/sync-engine");
    const beginSync = () => {
      void engine().then(({ startSync }) => {
        if (!cancelled) stopSync = startSync(userId);
      });
    };
    const beginLive = () => {
      void Promise.all([engine(), import("@/lib/realtime/live-client")]).then(
        ([{ pullNow }, { startLiveUpdates }]) => {
          if (cancelled) return;
          stopLive = startLiveUpdates(() => {
            void pullNow();
            refresh();
          });
        },
      );
    };
    // Weight (issue 13): the MQTT client (~100 KB gzip), and a first fill of the replica (the
    // whole library, parsed and stored), wait for the first interaction or 5 s after load, out of
    // the page-load window. A replica that is already here only pulls what changed: at idle.
    const cancelLive = afterPageLoad(beginLive);
    let idle: number | undefined;
    let cancelFill: (() => void) | undefined;
    if (hasReplicaCookie(userId) && "requestIdleCallback" in window) {
      idle = requestIdleCallback(beginSync, { timeout: 3_000 });
    } else {
      cancelFill = afterPageLoad(beginSync);
    }
    return () => {
      cancelled = true;
      cancelLive();
      cancelFill?.();
      if (idle !== undefined) cancelIdleCallback(idle);
      stopLive?.();
      stopSync?.();
    };
  }, [router, userId]);
  return <ReplicaProgress />;
}
