"use client";

import { useEffect } from "react";
import { announceSessionEnd, wipeDeviceData } from "@/lib/offline/device-data";

/** Whether this document was loaded for another page (a signed-in one) and routed here since. */
function arrivedInApp(): boolean {
  const [entry] = performance.getEntriesByType("navigation");
  if (!entry) return false;
  return new URL(entry.name).pathname !== window.location.pathname;
}

/**
 * Runs where signed-out people land (after a sign-out, and on the sign-in page, where a session
 * ended elsewhere sends them): the device keeps nothing of a past session. After a sign-out, the
 * signed-in page's last prefetches can refill the caches after the wipe that preceded it. Other
 * tabs of the session wipe and leave too. A landing reached by the app's router (a sign-out's
 * redirect, a refresh that found the session gone) loads afresh once wiped: the router's cache
 * of the person's pages and whatever else the signed-in page held in memory go with it.
 */
export function SignedOutCleanup() {
  useEffect(() => {
    announceSessionEnd();
    void wipeDeviceData()
      .catch(() => undefined)
      .then(() => {
        if (arrivedInApp()) window.location.replace(window.location.href);
      });
  }, []);
  return null;
}
