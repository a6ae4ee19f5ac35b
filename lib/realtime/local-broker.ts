import { createServer } from "node:http";
import { Aedes, type AuthenticateError, type Client } from "aedes";
import { createWebSocketStream, WebSocketServer } from "ws";
import {
  mayConnect,
  mayPublish,
  maySubscribe,
  type RealtimeGrant,
  realtimeKey,
  verifyRealtimeToken,
} from "@/lib/realtime/token";

/**
 * The local stand-in for IoT Core: an aedes MQTT broker behind a WebSocket server on loopback,
 * started by the local cloud (scripts/local-cloud.ts). Every client authenticates with a token
 * (the MQTT password) that `verifyRealtimeToken` checks, exactly as the AWS authorizer does; it
 * may subscribe only to the topics the token names and publish only where it allows, and is
 * disconnected when the token expires (IoT Core does the same through `disconnectAfterInSeconds`).
 */
export interface RealtimeBroker {
  /** `ws://127.0.0.1:<port>` */
  readonly url: string;
  stop(): Promise<void>;
}

const loopback = "127.0.0.1";
const notAuthorized = 5;

export async function startRealtimeBroker(options: {
  port: number;
  authSecret: string;
}): Promise<RealtimeBroker> {
  const key = realtimeKey(options.authSecret);
  const grants = new WeakMap<Client, RealtimeGrant>();
  const expiries = new WeakMap<Client, NodeJS.Timeout>();

  const broker = await Aedes.createBroker({
    authenticate(client, _username, password, done) {
      const grant = password ? verifyRealtimeToken(key, password.toString("utf8")) : null;
      if (!grant || !mayConnect(grant, client.id)) {
        const error = new Error("Not authorized") as AuthenticateError;
        error.returnCode = notAuthorized;
        done(error, false);
        return;
      }
      grants.set(client, grant);
      const timer = setTimeout(() => client.close(), Math.max(0, grant.expiresAt - Date.now()));
      timer.unref();
      expiries.set(client, timer);
      done(null, true);
    },
    authorizeSubscribe(client, subscription, done) {
      const grant = grants.get(client);
      // A refused subscription is answered with the failure code (0x80), not a disconnect.
      done(null, grant && maySubscribe(grant, subscription.topic) ? subscription : null);
    },
    authorizePublish(client, packet, done) {
      const grant = client ? grants.get(client) : undefined;
      done(grant && mayPublish(grant, packet.topic) ? null : new Error("Publishing not allowed"));
    },
  });
  broker.on("clientDisconnect", (client) => clearTimeout(expiries.get(client)));

  const server = createServer((_request, response) => {
    response.writeHead(426).end("MQTT over WebSocket only");
  });
  const sockets = new WebSocketServer({
    server,
    handleProtocols: (protocols) => (protocols.has("mqtt") ? "mqtt" : false),
  });
  sockets.on("connection", (socket, request) => {
    broker.handle(createWebSocketStream(socket), request);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, loopback, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  return {
    url: `ws://${loopback}:${port}`,
    async stop() {
      for (const socket of sockets.clients) socket.terminate();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
