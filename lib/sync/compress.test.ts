import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressedJson, encodingFor } from "@/lib/sync/compress";

const request = (acceptEncoding?: string) =>
  new Request("http://localhost/api/sync/snapshot", {
    headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding },
  });

function streamOf(chunks: string[], failAfter?: number): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index === failAfter) return controller.error(new Error("the read failed"));
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(chunk));
    },
  });
}

const json = ['{"notes":[', '{"a":"', "x".repeat(100_000), '"}],"page":null}'];

describe("the snapshot's compression", () => {
  it("picks brotli, else gzip, else none, from Accept-Encoding", () => {
    expect(encodingFor("gzip, deflate, br, zstd")).toBe("br");
    expect(encodingFor("gzip, deflate")).toBe("gzip");
    expect(encodingFor("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(encodingFor("identity")).toBeUndefined();
    expect(encodingFor(null)).toBeUndefined();
  });

  it.each([
    ["br", (bytes: Buffer) => brotliDecompressSync(bytes)],
    ["gzip", (bytes: Buffer) => gunzipSync(bytes)],
    [undefined, (bytes: Buffer) => bytes],
  ])("answers %s, which decodes to the JSON as sent", async (encoding, decode) => {
    const response = compressedJson(request(encoding), streamOf(json));
    expect(response.headers.get("content-encoding")).toBe(encoding ?? null);
    expect(response.headers.get("content-type")).toBe("application/json");
    const bytes = Buffer.from(await response.arrayBuffer());
    if (encoding) expect(bytes.length).toBeLessThan(10_000);
    expect(decode(bytes).toString("utf8")).toBe(json.join(""));
  });

  it("fails the answer when the JSON fails midway, never ending it short but whole", async () => {
    const response = compressedJson(request("br"), streamOf(json, 2));
    await expect(response.arrayBuffer()).rejects.toThrow();
  });
});
