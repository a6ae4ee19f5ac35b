"use client";

import { useEffect } from "react";
import { clearOfflineStore } from "@/lib/offline/store";

/**
 * Runs where a sign-out lands: the signed-in page's last prefetches can refill the caches after
 * the wipe that preceded the sign-out, so the device is wiped once more here.
 */
export function SignedOutCleanup() {
  useEffect(() => {
    void clearOfflineStore().catch(() => undefined);
  }, []);
  return null;
}
