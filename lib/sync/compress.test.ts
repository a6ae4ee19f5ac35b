import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { snapshotResponse } from "@/lib/sync/compress";
import { snapshotGzipType } from "@/lib/sync/types";

const request = (accept?: string) =>
  new Request("http://localhost/api/sync/snapshot", {
    headers: accept === undefined ? {} : { accept },
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

describe("the snapshot's own compression", () => {
  it("answers gzip'd JSON under its own media type to a device that asks for it", async () => {
    const response = snapshotResponse(
      request(`${snapshotGzipType}, application/json;q=0.5`),
      streamOf(json),
    );
    expect(response.headers.get("content-type")).toBe(snapshotGzipType);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeLessThan(10_000);
    expect(gunzipSync(bytes).toString("utf8")).toBe(json.join(""));
    // What the device does with it.
    const inflated = snapshotResponse(request(snapshotGzipType), streamOf(json)).body?.pipeThrough(
      new DecompressionStream("gzip"),
    );
    expect(await new Response(inflated).text()).toBe(json.join(""));
  });

  it("answers plain JSON to a device that does not ask", async () => {
    const response = snapshotResponse(request(), streamOf(json));
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.text()).toBe(json.join(""));
  });

  it("fails the answer when the JSON fails midway, never ending it short but whole", async () => {
    const response = snapshotResponse(request(snapshotGzipType), streamOf(json, 2));
    await expect(response.arrayBuffer()).rejects.toThrow();
  });
});
