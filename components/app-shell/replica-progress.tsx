"use client";

import { useReplicaStatus } from "@/lib/replica/hooks";

/**
 * While the first sync copies the library to this device: how far it got, for everyone (a
 * progressbar with its label) and at a glance (a thin bar at the top of the window).
 */
export function ReplicaProgress() {
  const { state, done, total } = useReplicaStatus();
  if (state !== "filling") return null;
  // Before the first page the size of the library is not known yet: an indeterminate bar.
  const known = total > 0;
  const max = Math.max(total, done, 1);
  return (
    <div className="fixed inset-x-0 top-0 z-50 bg-surface/95 px-4 py-1 text-xs text-muted shadow-sm">
      <div
        role="progressbar"
        aria-label="Copying your library to this device"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={known ? `${done} of ${total} notes and tasks` : "Starting"}
        className="h-1 overflow-hidden rounded bg-line"
      >
        <div
          className="h-full bg-accent"
          style={{ width: known ? `${(done / max) * 100}%` : "5%" }}
        />
      </div>
      <p aria-hidden="true" className="mt-0.5">
        Copying your library to this device…{known && ` ${done} of ${total}`}
      </p>
    </div>
  );
}
