import type { FormEvent } from "react";
import { changingOwnSession } from "@/lib/offline/device-data";
import { clearOfflineStore } from "@/lib/offline/store";

/**
 * For forms that end a session: wipes this device's offline data (IndexedDB and caches) before
 * the form really submits, so the next person on the device sees nothing of this one's.
 */
export function clearOfflineThenSubmit(event: FormEvent<HTMLFormElement>): void {
  const form = event.currentTarget;
  changingOwnSession();
  if (form.dataset.offlineCleared === "true") return;
  event.preventDefault();
  // A tab still filling its replica may hold the database a moment: the sign-out does not wait
  // on it for long (the page it lands on wipes again, SignedOutCleanup).
  void Promise.race([
    clearOfflineStore().catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, 2_000)),
  ]).finally(() => {
    form.dataset.offlineCleared = "true";
    form.requestSubmit();
  });
}
