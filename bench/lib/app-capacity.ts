/**
 * The app's own DynamoDB capacity: the app started by the bench prints one line per DynamoDB
 * request with what it consumed (JOTBOARD_CAPACITY_LOG=1, lib/db/capacity-log.ts); this adds
 * them up from its output. Measured work must not overlap other traffic to the app.
 */
import type { ChildProcess } from "node:child_process";
import { capacityLogPrefix } from "@/lib/db/capacity-log";

export interface AppUsage {
  /** DynamoDB requests the app sent. */
  requests: number;
  rcu: number;
  wcu: number;
}

export class AppCapacity {
  private total: AppUsage = { requests: 0, rcu: 0, wcu: 0 };
  private lastLine = 0;

  constructor(child: ChildProcess) {
    let rest = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      rest += chunk.toString();
      const lines = rest.split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        const at = line.indexOf(capacityLogPrefix);
        if (at < 0) continue;
        try {
          const { rcu, wcu } = JSON.parse(line.slice(at + capacityLogPrefix.length)) as AppUsage;
          this.total.requests++;
          this.total.rcu += rcu;
          this.total.wcu += wcu;
          this.lastLine = performance.now();
        } catch {
          // A line cut by other output: not ours.
        }
      }
    });
  }

  /** Whether the app prints its capacity at all (an app built without the log does not). */
  get seen(): boolean {
    return this.total.requests > 0;
  }

  /** Runs `work` and returns what the app consumed meanwhile (its output settles after). */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; usage: AppUsage }> {
    const before = { ...this.total };
    const result = await work();
    // Lines arrive through a pipe: wait until none came for 250 ms (at most 3 s).
    const deadline = performance.now() + 3_000;
    do await new Promise((resolve) => setTimeout(resolve, 100));
    while (performance.now() - this.lastLine < 250 && performance.now() < deadline);
    return {
      result,
      usage: {
        requests: this.total.requests - before.requests,
        rcu: this.total.rcu - before.rcu,
        wcu: this.total.wcu - before.wcu,
      },
    };
  }
}
