"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { afterPageLoad } from "@/lib/client/after-page-load";

/**
 * Keeps a signed-in page current with changes made on the person's other devices (issue 13
 * §3): once the page has loaded it loads the live-update client (and the MQTT library) and
 * refreshes the server-rendered view when told something changed. A refresh keeps client state,
 * so an open editor's text and draft stay as typed. Unmounting (signing out) disconnects.
 */
export function LiveUpdates() {
  const router = useRouter();
  const pathname = usePathname();
  const routerPath = useRef(pathname);
  routerPath.current = pathname;
  useEffect(() => {
    // A page that rewrote its URL behind the router's back (the new note's #id, then
    // /notes/<id>, written with Next's own history state) owns its view: router.refresh()
    // would put the router's older URL back.
    const refresh = () => {
      if (window.location.pathname === routerPath.current && !window.location.hash) {
        router.refresh();
      }
    };
    let stop: (() => void) | undefined;
    let cancelled = false;
    const begin = () => {
      void import("@/lib/realtime/live-client").then(({ startLiveUpdates }) => {
        if (!cancelled) stop = startLiveUpdates(refresh);
      });
    };
    // After the first interaction or 5 s past load: outside the page-load window.
    const cancelStart = afterPageLoad(begin);
    return () => {
      cancelled = true;
      cancelStart();
      stop?.();
    };
  }, [router]);
  return null;
}
