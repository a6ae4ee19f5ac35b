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
    const here: unknown[] = [];
    const stop = onReplicaChange((change) => here.push(change));
    const change = { notes: ["n1"], tasks: [] };
    announceReplicaChange(change);
    expect(here).toEqual([change]);
    expect(await tab.received).toEqual(change);
    stop();
    tab.channel.close();
  });

  it("tell this tab's listeners of a change made in another tab, named as it was", async () => {
    const tab = otherTab();
    const heard = new Promise<unknown>((resolve) => {
      const stop = onReplicaChange((change) => {
        stop();
        resolve(change);
      });
    });
    tab.channel.postMessage({ notes: [], tasks: ["t1"] });
    expect(await heard).toEqual({ notes: [], tasks: ["t1"] });
    tab.channel.close();
  });

  it("take a message it cannot read as a change of everything", async () => {
    const tab = otherTab();
    const heard = new Promise<unknown>((resolve) => {
      const stop = onReplicaChange((change) => {
        stop();
        resolve(change);
      });
    });
    tab.channel.postMessage("changed");
    expect(await heard).toEqual({ all: true });
    tab.channel.close();
  });

  it("stop telling a listener once it unsubscribed", () => {
    let heard = 0;
    const stop = onReplicaChange(() => heard++);
    stop();
    announceReplicaChange({ all: true });
    expect(heard).toBe(0);
  });
});
