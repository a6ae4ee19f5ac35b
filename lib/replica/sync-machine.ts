/**
 * When the replica syncs, as pure transitions (the engine in lib/replica/sync-engine.ts runs the
 * jobs they ask for). One job at a time: a request while one runs is remembered once
 * (coalesced) and runs after it.
 *
 * - `sync`: one request to the server: a snapshot page while the replica is not filled (or was
 *   told to start over), else a pull of the changes after the cursor.
 * - `start-over`: forget the cursor, so the next `sync` takes a new snapshot.
 * - `wipe`: the session is gone (401): the device's data goes, and nothing runs any more.
 */
export type SyncJob = "sync" | "start-over" | "wipe";

/** How a `sync` job ended. */
export type SyncOutcome =
  /** Nothing more to fetch now. */
  | "caught-up"
  /** More waits at once: the next snapshot page, the pull after a filled snapshot, `more`. */
  | "more"
  /** The cursor is too old for the feed. */
  | "start-over"
  /** Offline, a server error: the next trigger tries again (a snapshot goes on where it stopped). */
  | "failed"
  | "unauthorized";

export interface SyncMachine {
  readonly running?: SyncJob;
  /** A request came while a job ran. */
  readonly queued: boolean;
  /** Start-overs in a row: a feed that keeps refusing fresh cursors must not loop forever. */
  readonly startOvers: number;
  readonly stopped: boolean;
}

export type SyncEvent =
  | { readonly type: "request" }
  | { readonly type: "finished"; readonly outcome: SyncOutcome }
  | { readonly type: "started-over" }
  | { readonly type: "stop" };

export interface SyncStep {
  readonly state: SyncMachine;
  /** The job to start now, if any. */
  readonly run?: SyncJob;
}

export const idleMachine: SyncMachine = { queued: false, startOvers: 0, stopped: false };

/** More start-overs in a row than this and the engine waits for the next trigger. */
export const maxStartOvers = 2;

export function stepSync(state: SyncMachine, event: SyncEvent): SyncStep {
  if (state.stopped) return { state };
  switch (event.type) {
    case "stop":
      return { state: { ...state, running: undefined, queued: false, stopped: true } };
    case "request":
      if (state.running) return { state: { ...state, queued: true } };
      return { state: { ...state, running: "sync" }, run: "sync" };
    case "started-over":
      if (state.running !== "start-over") return { state };
      return { state: { ...state, running: "sync" }, run: "sync" };
    case "finished":
      return finished(state, event.outcome);
  }
}

function finished(state: SyncMachine, outcome: SyncOutcome): SyncStep {
  switch (outcome) {
    case "more":
      return { state: { ...state, running: "sync" }, run: "sync" };
    case "start-over":
      if (state.startOvers >= maxStartOvers) return idle(state);
      return {
        state: { ...state, running: "start-over", startOvers: state.startOvers + 1 },
        run: "start-over",
      };
    case "unauthorized":
      return {
        state: { ...state, running: undefined, queued: false, stopped: true },
        run: "wipe",
      };
    case "caught-up":
      if (state.queued) {
        return { state: { ...state, running: "sync", queued: false, startOvers: 0 }, run: "sync" };
      }
      return { state: { ...state, running: undefined, startOvers: 0 } };
    case "failed":
      // A request made while this one failed (a hung request timing out) gets its own try once.
      if (state.queued) {
        return { state: { ...state, running: "sync", queued: false, startOvers: 0 }, run: "sync" };
      }
      return idle(state);
  }
}

/** Nothing runs; a request that came meanwhile waits for the next trigger (it would fail alike). */
function idle(state: SyncMachine): SyncStep {
  return { state: { ...state, running: undefined, queued: false, startOvers: 0 } };
}
