"use client";

import { useEffect } from "react";
import { watchSessionEnd } from "@/lib/offline/device-data";

/**
 * On signed-in pages: another tab of this browser that learns the session ended (a 401, a
 * sign-out) tells this one, which wipes the device and goes to sign-in too.
 */
export function SessionEndWatcher() {
  useEffect(() => watchSessionEnd(), []);
  return null;
}
