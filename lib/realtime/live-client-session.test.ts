import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The live client's token request meets a 401: the session is over, as any other 401 says
// (issue 13 §5). `fetch` answers as the token route would; the wipe itself has its own tests.
// Fresh modules per test: the device's session state (a wipe under way, an own change) is
// module state.
async function load() {
  vi.resetModules();
  const device = await import("@/lib/offline/device-data");
  const { startLiveUpdates } = await import("@/lib/realtime/live-client");
  return { ...device, startLiveUpdates };
}
const assign = vi.fn();
let stop: (() => void) | undefined;

beforeEach(() => {
  assign.mockReset();
  vi.stubGlobal(
    "window",
    Object.assign(new EventTarget(), {
      location: { protocol: "http:", pathname: "/notes", replace: assign },
    }),
  );
  vi.stubGlobal(
    "document",
    Object.assign(new EventTarget(), { visibilityState: "visible", cookie: "" }),
  );
  vi.stubGlobal("fetch", async () => new Response("{}", { status: 401 }));
});

afterEach(async () => {
  stop?.();
  stop = undefined;
  vi.unstubAllGlobals();
});

describe("the live client's token refused with a 401", () => {
  it("leaves it to the form's answer while this tab changes its own session", async () => {
    const { watchSessionEnd, startLiveUpdates, changingOwnSession } = await load();
    const unwatch = watchSessionEnd();
    changingOwnSession();
    let asked = 0;
    vi.stubGlobal("fetch", async () => {
      asked++;
      return new Response("{}", { status: 401 });
    });
    stop = startLiveUpdates(() => undefined);
    await vi.waitFor(() => expect(asked).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(assign).not.toHaveBeenCalled();
    unwatch();
  });

  it("ends the device's session: the device is wiped and the page goes to sign in", async () => {
    const { watchSessionEnd, startLiveUpdates, endDeviceSession } = await load();
    const unwatch = watchSessionEnd();
    stop = startLiveUpdates(() => undefined);
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith("/signin"));
    unwatch();
    await endDeviceSession(); // the wipe under way
  });
});
