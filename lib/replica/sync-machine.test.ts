import { describe, expect, it } from "vitest";
import {
  idleMachine,
  maxStartOvers,
  type SyncEvent,
  type SyncMachine,
  stepSync,
} from "@/lib/replica/sync-machine";

/** Steps through `events`, collecting the jobs started. */
function play(events: SyncEvent[], from: SyncMachine = idleMachine) {
  const jobs: string[] = [];
  let state = from;
  for (const event of events) {
    const step = stepSync(state, event);
    state = step.state;
    if (step.run) jobs.push(step.run);
  }
  return { state, jobs };
}

const request = { type: "request" } as const;
const finished = (outcome: Extract<SyncEvent, { type: "finished" }>["outcome"]) =>
  ({ type: "finished", outcome }) as const;

describe("the replica's sync", () => {
  it("runs one job at a time and coalesces the requests made meanwhile into one more", () => {
    const { state, jobs } = play([request, request, request, request]);
    expect(jobs).toEqual(["sync"]);
    expect(state).toMatchObject({ running: "sync", queued: true });
    const after = play([finished("caught-up"), finished("caught-up")], state);
    expect(after.jobs).toEqual(["sync"]);
    expect(after.state).toMatchObject({ running: undefined, queued: false });
  });

  it("asks again at once while there is more (pages of a snapshot, `more` from the feed)", () => {
    const { state, jobs } = play([
      request,
      finished("more"),
      finished("more"),
      finished("caught-up"),
    ]);
    expect(jobs).toEqual(["sync", "sync", "sync"]);
    expect(state.running).toBeUndefined();
  });

  it("starts over when the cursor is too old, then syncs from a new snapshot", () => {
    const { state, jobs } = play([request, finished("start-over"), { type: "started-over" }]);
    expect(jobs).toEqual(["sync", "start-over", "sync"]);
    expect(state).toMatchObject({ running: "sync", startOvers: 1 });
    expect(play([finished("caught-up")], state).state.startOvers).toBe(0);
  });

  it("gives up until the next trigger when the feed keeps refusing fresh cursors", () => {
    const loop: SyncEvent[] = [];
    for (let i = 0; i < maxStartOvers; i++) {
      loop.push(finished("start-over"), { type: "started-over" });
    }
    const { state, jobs } = play([request, ...loop, finished("start-over")]);
    expect(jobs.filter((job) => job === "start-over")).toHaveLength(maxStartOvers);
    expect(state.running).toBeUndefined();
  });

  it("waits for the next trigger after a failure; a request made meanwhile gets one try", () => {
    const alone = play([request, finished("failed")]);
    expect(alone.jobs).toEqual(["sync"]);
    expect(alone.state).toMatchObject({ running: undefined, queued: false });
    expect(play([request], alone.state).jobs).toEqual(["sync"]);
    const asked = play([request, request, finished("failed"), finished("failed")]);
    expect(asked.jobs).toEqual(["sync", "sync"]);
    expect(asked.state).toMatchObject({ running: undefined, queued: false });
  });

  it("wipes the device once on a 401 and never runs again", () => {
    const { state, jobs } = play([request, request, finished("unauthorized"), request]);
    expect(jobs).toEqual(["sync", "wipe"]);
    expect(state).toMatchObject({ stopped: true, running: undefined });
  });

  it("ignores everything once stopped", () => {
    const { state, jobs } = play([request, { type: "stop" }, finished("more"), request]);
    expect(jobs).toEqual(["sync"]);
    expect(state.stopped).toBe(true);
  });
});
