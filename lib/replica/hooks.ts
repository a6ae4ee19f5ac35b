"use client";

import { useRouter } from "next/navigation";
import { type DependencyList, useEffect, useState } from "react";
import { isOfflineStoreAvailable } from "@/lib/offline/store";
import { onReplicaChange } from "@/lib/replica/changes";
import { clearReplicaCookie } from "@/lib/replica/cookie";
import { keepAnswer, keptAnswer, type RecordKinds, readingStarts } from "@/lib/replica/remembered";
import { type ReplicaStatus, replicaStatus } from "@/lib/replica/store";

/**
 * What `read` finds in the replica, read again after every change of the replica in any tab.
 * `undefined` until the replica is ready (a view shows its server props meanwhile). While a
 * re-read is under way (new deps, a change) the last value stays: no flash of nothing.
 * With `remember`, the answer is kept under `key` until a change of `kinds` records: a view
 * shown again starts from it.
 */
export function useReplicaQuery<T>(
  read: () => Promise<T>,
  deps: DependencyList,
  remember?: { readonly key: string; readonly kinds: RecordKinds },
): T | undefined {
  const key = remember?.key;
  const [value, setValue] = useState(() => (key === undefined ? undefined : keptAnswer<T>(key)));
  useEffect(
    () => {
      if (!isOfflineStoreAvailable()) return;
      let active = true;
      let latest = 0;
      const run = async () => {
        const mine = ++latest;
        const since = readingStarts();
        try {
          const status = await replicaStatus();
          const next = status.state === "ready" ? { value: await read() } : undefined;
          if (remember && next) keepAnswer(remember.key, next.value, remember.kinds, since);
          if (active && mine === latest) setValue(next);
        } catch {
          // The database went away (a wipe): the view keeps what it shows until it is left.
        }
      };
      // A kept answer is current (any change since would have dropped it): no read needed.
      const kept = key === undefined ? undefined : keptAnswer<T>(key);
      if (kept) setValue((shown) => (shown?.value === kept.value ? shown : kept));
      else void run();
      const unsubscribe = onReplicaChange(() => void run());
      return () => {
        active = false;
        unsubscribe();
      };
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps name what `read` reads
    deps,
  );
  return value?.value;
}

const absent: ReplicaStatus = { state: "absent", done: 0, total: 0 };

/** Whether the replica is absent, filling (with progress) or ready, kept current in every tab. */
export function useReplicaStatus(): ReplicaStatus {
  const [status, setStatus] = useState<ReplicaStatus>(absent);
  useEffect(() => {
    if (!isOfflineStoreAvailable()) return;
    let active = true;
    const run = () =>
      void replicaStatus().then(
        (next) => active && setStatus(next),
        () => undefined,
      );
    run();
    const unsubscribe = onReplicaChange(run);
    return () => {
      active = false;
      unsubscribe();
    };
  }, []);
  return status;
}

/**
 * For a view whose server page drew nothing because the cookie says a replica is here: if the
 * replica is not ready after all (storage cleared, another browser profile's cookie), the cookie
 * goes and the page is drawn by the server again: never a blank view.
 */
export function useReplicaFallback(serverDrewNothing: boolean): void {
  const router = useRouter();
  useEffect(() => {
    if (!serverDrewNothing) return;
    let active = true;
    const fallBack = () => {
      clearReplicaCookie();
      router.refresh();
    };
    if (!isOfflineStoreAvailable()) return fallBack();
    void replicaStatus().then(
      (status) => active && status.state !== "ready" && fallBack(),
      () => active && fallBack(),
    );
    return () => {
      active = false;
    };
  }, [serverDrewNothing, router]);
}

/**
 * Pulls when a replica view is shown and whenever its server page is drawn again (`rendered`
 * changes, e.g. after a server action): what this device just did shows without waiting for
 * the poke.
 */
export function usePullOnShow(rendered?: unknown): void {
  useEffect(() => {
    void rendered;
    void import("@/lib/replica/sync-engine").then(({ pullNow }) => pullNow());
  }, [rendered]);
}
