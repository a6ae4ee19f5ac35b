import "server-only";
import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { constants, createBrotliCompress, createGzip } from "node:zlib";

/**
 * Compression of the snapshot's pages, done here rather than by the server's default (gzip at
 * level 6, ~50 ms of CPU a MB: most of what a page cost beyond its reads). Brotli at quality 4
 * is several times cheaper and smaller, gzip at level 1 too; what matters is that the few MB
 * of a page go out fast on loopback and small on a slow link. A response that names its
 * encoding is left alone by Next's compression (and by the CDN).
 */

export type Encoding = "br" | "gzip";

/** The encoding to answer with, from the request's Accept-Encoding (none: identity). */
export function encodingFor(acceptEncoding: string | null): Encoding | undefined {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim());
    const q = params.find((param) => param.startsWith("q="));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name);
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return undefined;
}

/** A JSON body as a Response, compressed as the request accepts, chunk by chunk as it comes. */
export function compressedJson(request: Request, body: ReadableStream<Uint8Array>): Response {
  const encoding = encodingFor(request.headers.get("accept-encoding"));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    vary: "accept-encoding",
  };
  if (!encoding) return new Response(body, { headers });
  const compressor =
    encoding === "br"
      ? createBrotliCompress({
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 4,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        })
      : createGzip({ level: 1 });
  // A failed source (a read that failed mid-page) fails the compressed stream too, so the
  // device sees a cut answer, never a short but valid one; a device gone away stops the reads.
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  const compressed = Readable.toWeb(
    pipeline(source, compressor, () => undefined),
  ) as ReadableStream<Uint8Array>;
  return new Response(compressed, { headers: { ...headers, "content-encoding": encoding } });
}
