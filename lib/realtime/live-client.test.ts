import { afterEach, describe, expect, it, vi } from "vitest";
import { coalesce } from "@/lib/realtime/live-client";

describe("coalesced view refreshes", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("refreshes at once, then once more for a whole burst of pokes, then at once again", () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const refresh = coalesce(run, 400);
    refresh.trigger();
    expect(run).toHaveBeenCalledTimes(1);
    for (let poke = 0; poke < 10; poke++) refresh.trigger();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(400);
    expect(run).toHaveBeenCalledTimes(2);
    // The trailing refresh opened a window of its own, which nothing else fell into.
    vi.advanceTimersByTime(400);
    expect(run).toHaveBeenCalledTimes(2);
    refresh.trigger();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("runs nothing after being cancelled", () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const refresh = coalesce(run, 400);
    refresh.trigger();
    refresh.trigger();
    refresh.cancel();
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
