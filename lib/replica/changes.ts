/**
 * Tells every view of the replica that it changed: the views in this tab (listeners) and in the
 * person's other tabs of this browser (a BroadcastChannel, which never echoes to its sender).
 * The message names the records that changed (never their content), so a keeper of derived
 * state (a search index, a parsed cache) can update just those; a view simply re-reads.
 */
const channelName = "jotboard-replica";

/** Which records changed; `all` when too many to name (a snapshot page, a start-over). */
export type ReplicaChange =
  | { readonly all: true }
  | { readonly all?: false; readonly notes: readonly string[]; readonly tasks: readonly string[] };

type Listener = (change: ReplicaChange) => void;

function isReplicaChange(data: unknown): data is ReplicaChange {
  if (typeof data !== "object" || data === null) return false;
  const value = data as Record<string, unknown>;
  return value.all === true || (Array.isArray(value.notes) && Array.isArray(value.tasks));
}

const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

function notify(change: ReplicaChange) {
  for (const listener of [...listeners]) {
    try {
      listener(change);
    } catch (error) {
      // One failing view must not keep the others stale.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

function openChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === "undefined") return undefined;
  if (!channel) {
    channel = new BroadcastChannel(channelName);
    channel.onmessage = (event: MessageEvent) =>
      notify(isReplicaChange(event.data) ? event.data : { all: true });
  }
  return channel;
}

/** Calls `listener` after every change of the replica, in any tab; returns the unsubscribe. */
export function onReplicaChange(listener: Listener): () => void {
  openChannel();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && channel) {
      channel.close();
      channel = undefined;
    }
  };
}

/** Call after a replica write has committed, naming what it changed. */
export function announceReplicaChange(change: ReplicaChange): void {
  openChannel()?.postMessage(change);
  if (!listeners.size && channel) {
    // Opened only to post: nobody in this tab listens.
    channel.close();
    channel = undefined;
  }
  notify(change);
}
