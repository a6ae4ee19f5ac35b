import { describe, expect, it } from "vitest";
import { announceReplicaChange, onReplicaChange } from "@/lib/replica/changes";

// Another tab of the browser: a channel of the same name (Node has BroadcastChannel too).
function otherTab() {
  const channel = new BroadcastChannel("jotboard-replica");
  const received = new Promise<unknown>((resolve) => {
    channel.onmessage = (event) => resolve(event.data);
  });
  return { channel, received };
}

describe("replica change announcements", () => {
  it("reach this tab's listeners at once and the other tabs through the channel", async () => {
    const tab = otherTab();
    let here = 0;
    const stop = onReplicaChange(() => here++);
    announceReplicaChange();
    expect(here).toBe(1);
    expect(await tab.received).toBe("changed");
    stop();
    tab.channel.close();
  });

  it("tell this tab's listeners of a change made in another tab", async () => {
    const tab = otherTab();
    const heard = new Promise<void>((resolve) => {
      const stop = onReplicaChange(() => {
        stop();
        resolve();
      });
    });
    tab.channel.postMessage("changed");
    await heard;
    tab.channel.close();
  });

  it("stop telling a listener once it unsubscribed", () => {
    let heard = 0;
    const stop = onReplicaChange(() => heard++);
    stop();
    announceReplicaChange();
    expect(heard).toBe(0);
  });
});
