/**
 * The production server (`npm start`, the e2e run): Next's request handler behind a plain Node
 * server that appends the socket's address to X-Forwarded-For, as a well-behaved proxy does.
 * `next start` only sets that header when the client sent none, so there a client picks its own
 * address and walks around the per-address sign-in limit; here the rightmost entry is always
 * the real peer (lib/auth/client-address.ts).
 *
 *   tsx scripts/serve.ts [--port 3000] [--hostname ::] [--keepAliveTimeout ms]
 */
import { createServer, type IncomingMessage } from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    hostname: { type: "string" },
    keepAliveTimeout: { type: "string" },
  },
});
const port = Number(values.port);

/** X-Forwarded-For with this hop's peer appended (the header may arrive more than once). */
function appendPeer(request: IncomingMessage): string {
  const sent = request.headers["x-forwarded-for"];
  const entries = (Array.isArray(sent) ? sent.join(",") : (sent ?? "")).split(",");
  const peer = request.socket.remoteAddress ?? "unknown";
  return [...entries.map((entry) => entry.trim()).filter(Boolean), peer].join(", ");
}

const app = next({ dev: false, hostname: values.hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers["x-forwarded-for"] = appendPeer(request);
  void handle(request, response);
});
if (values.keepAliveTimeout) server.keepAliveTimeout = Number(values.keepAliveTimeout);
server.listen(port, values.hostname, () => {
  console.log(`Jotboard ready on http://${values.hostname ?? "localhost"}:${port}`);
});
