/**
 * Tells every view of the replica that it changed: the views in this tab (listeners) and in the
 * person's other tabs of this browser (a BroadcastChannel, which never echoes to its sender).
 * The message carries no data: a view re-reads what it shows.
 */
const channelName = "jotboard-replica";

type Listener = () => void;

const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

function notify() {
  for (const listener of [...listeners]) {
    try {
      listener();
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
    channel.onmessage = notify;
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

/** Call after a replica write has committed. */
export function announceReplicaChange(): void {
  openChannel()?.postMessage("changed");
  if (!listeners.size && channel) {
    // Opened only to post: nobody in this tab listens.
    channel.close();
    channel = undefined;
  }
  notify();
}
