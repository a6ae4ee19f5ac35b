"use client";

import { useEffect } from "react";
import { announceSessionEnd, wipeDeviceData } from "@/lib/offline/device-data";

/**
 * Runs where signed-out people land (after a sign-out, and on the sign-in page, where a session
 * ended elsewhere sends them): the device keeps nothing of a past session, and the session's
 * other tabs wipe and leave too. After a sign-out, the signed-in page's last prefetches can
 * refill the caches after the wipe that preceded it.
 */
export function SignedOutCleanup() {
  useEffect(() => {
    announceSessionEnd();
    void wipeDeviceData().catch(() => undefined);
  }, []);
  return null;
}
