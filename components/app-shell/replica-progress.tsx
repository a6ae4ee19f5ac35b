"use client";

import { useReplicaStatus } from "@/lib/replica/hooks";

/**
 * While the first sync copies the library to this device: how far it got, for everyone (a
 * progressbar with its label) and at a glance (a thin bar at the top of the window).
 */
export function ReplicaProgress() {
  const { state, done, total } = useReplicaStatus();
  if (state !== "filling") return null;
  const max = Math.max(total, done, 1);
  return (
    <div className="fixed inset-x-0 top-0 z-50 bg-surface/95 px-4 py-1 text-xs text-muted shadow-sm">
      <div
        role="progressbar"
        aria-label="Copying your library to this device"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} notes and tasks`}
        className="h-1 overflow-hidden rounded bg-line"
      >
        <div className="h-full bg-accent" style={{ width: `${(done / max) * 100}%` }} />
      </div>
      <p aria-hidden="true" className="mt-0.5">
        Copying your library to this device… {done} of {total}
      </p>
    </div>
  );
}
