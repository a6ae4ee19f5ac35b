import "server-only";
import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createGzip } from "node:zlib";
import { snapshotGzipType } from "@/lib/sync/types";

/**
 * The snapshot's pages compress themselves when the device asks for it. Next compresses route
 * answers with gzip at level 6 (~50 ms of CPU a MB: most of what a page cost beyond its reads,
 * 3.3 MB of notes: 160 ms) and drops any Content-Encoding a route sets, so the page is gzip at
 * level 4 (~13 ms a MB, 5% larger) under its own media type, which neither Next nor the CDN
 * compress again; the device inflates it (DecompressionStream). A device that does not ask
 * (a client from before) gets plain JSON, compressed by Next as before.
 */
export function snapshotResponse(request: Request, body: ReadableStream<Uint8Array>): Response {
  const wanted = (request.headers.get("accept") ?? "").includes(snapshotGzipType);
  const headers = {
    "content-type": wanted ? snapshotGzipType : "application/json",
    vary: "accept",
  };
  if (!wanted) return new Response(body, { headers });
  // A failed source (a read that failed mid-page) fails the compressed stream too, so the
  // device sees a cut answer, never a short but valid one; a device gone away stops the reads.
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  const compressed = pipeline(source, createGzip({ level: 4 }), () => undefined);
  return new Response(Readable.toWeb(compressed) as ReadableStream<Uint8Array>, { headers });
}
