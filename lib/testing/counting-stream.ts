/** A body stream that counts what was pulled from it, so tests can prove a reader stopped early. */
export function countingStream(totalBytes: number, chunkBytes = 16 * 1024) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - counter.pulled);
      counter.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { stream, counter };
}
