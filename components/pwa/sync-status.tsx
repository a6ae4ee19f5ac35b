"use client";

import { useEffect, useState } from "react";
import { SetAsideChanges } from "@/components/pwa/set-aside-changes";
import { localClock } from "@/lib/dates/display";
import { flushDrafts } from "@/lib/offline/draft-sync";
import {
  claimForUser,
  isOfflineStoreAvailable,
  type QueuedMutation,
  readLastSync,
} from "@/lib/offline/store";
import {
  discardSetAside,
  dropUnansweredChanges,
  onSync,
  pendingCount,
  replayOutbox,
  retrySetAside,
  setAsideMutations,
} from "@/lib/offline/sync";

/**
 * The connection and sync state in the header, and the outbox's engine: it replays queued
 * changes and sends the drafts left on the device (a tab closed before they went out) on start,
 * when the connection returns and when the app comes back to the foreground (browsers fire no
 * background sync for us to rely on).
 */
export function SyncStatus({ userId }: { readonly userId: string }) {
  const [online, setOnline] = useState(true);
  const [pending, setPending] = useState(0);
  const [lastSync, setLastSync] = useState<string>();
  const [setAside, setSetAside] = useState<readonly QueuedMutation[]>([]);

  useEffect(() => {
    if (!isOfflineStoreAvailable()) return;
    let active = true;
    const refresh = async () => {
      const [count, synced, failed] = await Promise.all([
        pendingCount(),
        readLastSync(),
        setAsideMutations(),
      ]);
      if (!active) return;
      setPending(count);
      setLastSync(synced);
      setSetAside(failed);
    };
    const replay = () => {
      // The outbox first: it may hold the creation of a note a draft then edits.
      if (navigator.onLine) void replayOutbox().then(flushDrafts).then(refresh);
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") replay();
    };
    const onOnline = () => {
      setOnline(true);
      replay();
    };
    const onOffline = () => setOnline(false);
    setOnline(navigator.onLine);
    void claimForUser(userId)
      // What an earlier page sent and never heard back from stops showing over the replica.
      .then(() => dropUnansweredChanges().catch(() => undefined))
      .then(() => {
        void refresh();
        replay();
      });
    const unsubscribe = onSync((event) => {
      if (event.type === "pending") {
        setPending(event.count);
        // Set-aside changes come and go with a replay, a retry or a discard.
        void setAsideMutations().then((failed) => active && setSetAside(failed));
      }
      if (event.type === "replayed") setLastSync(new Date().toISOString());
    });
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      active = false;
      unsubscribe();
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [userId]);

  const notSent = (
    <SetAsideChanges
      changes={setAside}
      onRetry={(id) => void retrySetAside(id)}
      onDiscard={(id) => void discardSetAside(id)}
    />
  );
  if (online && pending === 0) return notSent;
  return (
    <>
      {notSent}
      <p
        role="status"
        aria-live="polite"
        data-testid="sync-status"
        className={`whitespace-nowrap rounded-full px-2 py-1 text-xs font-medium ${online ? "bg-canvas text-muted" : "bg-danger text-white"}`}
      >
        {online ? "Syncing" : "Offline"}
        {pending > 0 && ` · ${pending} change${pending === 1 ? "" : "s"} waiting`}
        {!online && lastSync && ` · last sync ${localClock(new Date(lastSync))}`}
      </p>
    </>
  );
}
