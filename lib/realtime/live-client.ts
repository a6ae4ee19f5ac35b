// The browser build of mqtt (dist/mqtt.esm.js) has a default export only.
import mqtt, { type MqttClient } from "mqtt";
import { z } from "zod";
import { endDeviceSession } from "@/lib/offline/device-data";

/**
 * The browser's side of live updates, loaded lazily by components/app-shell/live-updates.tsx
 * (with the MQTT client, so neither weighs on the first paint). It listens on the person's topic
 * with short-lived credentials from `GET /api/realtime/token` and asks for a fresh view on every
 * poke, on reconnect and when the window regains focus, coalesced: a burst of pokes makes one
 * refresh now and at most one more after it. A hidden tab only remembers that it is behind.
 */

const credentialsSchema = z.object({
  url: z.url({ protocol: /^wss?$/ }),
  clientId: z.string().min(1),
  token: z.string().min(1),
  topic: z.string().min(1),
  expiresAt: z.number(),
});
type Credentials = z.output<typeof credentialsSchema>;

const coalesceMs = 400;
// Ask for new credentials this long before they lapse (the broker cuts the connection then).
const renewAheadMs = 60_000;
const retryMs = 30_000;
const reconnectMs = 2_000;

/** The first call runs at once; calls within the window after it make one more run at its end. */
export function coalesce(run: () => void, windowMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const settle = () => {
    timer = undefined;
    if (pending) trigger();
  };
  function trigger() {
    if (timer) {
      pending = true;
      return;
    }
    pending = false;
    run();
    timer = setTimeout(settle, windowMs);
  }
  return { trigger, cancel: () => clearTimeout(timer) };
}

async function fetchCredentials(): Promise<Credentials | "signed-out" | undefined> {
  try {
    const response = await fetch("/api/realtime/token", { cache: "no-store" });
    if (response.status === 401) return "signed-out";
    if (!response.ok) return undefined;
    return credentialsSchema.parse(await response.json());
  } catch {
    return undefined;
  }
}

/** Starts listening; the returned function disconnects and stops every timer and listener. */
export function startLiveUpdates(refreshView: () => void): () => void {
  let stopped = false;
  let client: MqttClient | undefined;
  let renewTimer: ReturnType<typeof setTimeout> | undefined;
  let behind = false;

  const refresh = coalesce(refreshView, coalesceMs);
  const changed = () => {
    if (document.visibilityState === "hidden") behind = true;
    else refresh.trigger();
  };
  const onVisible = () => {
    if (document.visibilityState !== "visible" || !behind) return;
    behind = false;
    refresh.trigger();
  };

  const stop = () => {
    stopped = true;
    clearTimeout(renewTimer);
    refresh.cancel();
    window.removeEventListener("focus", changed);
    document.removeEventListener("visibilitychange", onVisible);
    client?.end(true);
  };

  /** New credentials before the current ones lapse; the next reconnect signs in with them. */
  const renew = async () => {
    const next = await fetchCredentials();
    if (stopped) return;
    // The session is gone, as any other 401 says: the device keeps nothing of the person and
    // the page leaves for sign-in (unless this tab is changing its own session: its form's
    // answer decides then, see changingOwnSession).
    if (next === "signed-out") {
      stop();
      void endDeviceSession();
      return;
    }
    if (!next) {
      renewTimer = setTimeout(renew, retryMs);
      return;
    }
    if (client) client.options.password = next.token;
    else listen(next);
    renewTimer = setTimeout(renew, Math.max(next.expiresAt - Date.now() - renewAheadMs, retryMs));
  };

  const listen = (credentials: Credentials) => {
    let connectedBefore = false;
    client = mqtt.connect(credentials.url, {
      clientId: credentials.clientId,
      // MQTT 3.1.1 sends a password only with a user name; the token carries who it is.
      username: "jotboard",
      password: credentials.token,
      reconnectPeriod: reconnectMs,
      // Its default keeps timers in a Worker made from a blob: URL, which the CSP's
      // `worker-src 'self'` refuses (and then it never connects). A hidden tab's throttled
      // timers may delay a ping; the broker then drops the connection and it reconnects.
      timerVariant: "native",
    });
    // Subscriptions are renewed on every reconnect (mqtt.js `resubscribe`).
    client.subscribe(credentials.topic);
    client.on("message", changed);
    client.on("connect", () => {
      // Pokes sent while the connection was down are lost: pull once instead.
      if (connectedBefore) changed();
      connectedBefore = true;
    });
    // A refused sign-in (the token lapsed while offline): fetch new credentials at once.
    client.on("error", () => {
      clearTimeout(renewTimer);
      void renew();
    });
  };

  window.addEventListener("focus", changed);
  document.addEventListener("visibilitychange", onVisible);
  void renew();
  return stop;
}
