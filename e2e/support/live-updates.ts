import type { Page } from "@playwright/test";

/**
 * Resolves once the page's live-update client is subscribed to its topic: the broker's SUBACK
 * (packet type 0x90) with return code 0 has arrived over the page's WebSocket. Call it before
 * the page loads. Pokes sent before that moment would reach no one.
 */
export function liveUpdatesReady(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (socket) => {
      socket.on("framereceived", ({ payload }) => {
        const bytes = typeof payload === "string" ? Buffer.from(payload, "latin1") : payload;
        if (bytes[0] === 0x90 && bytes[4] === 0x00) resolve();
      });
    });
  });
}

/**
 * Resolves when the page has fetched a fresh server-rendered view (router.refresh() asks for the
 * route's RSC payload, not a prefetch) and read all of it.
 */
export async function nextViewRefresh(page: Page): Promise<void> {
  const request = await page.waitForRequest(
    (candidate) =>
      candidate.headers().rsc === "1" && candidate.headers()["next-router-prefetch"] === undefined,
  );
  await (await request.response())?.finished();
}

/**
 * Resolves with the wall-clock time (ms) at which `text` appears in the page, watched by a
 * MutationObserver inside the page, so the moment is not rounded to a polling interval.
 */
export function whenTextAppears(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve) => {
        // biome-ignore lint/performance/useDomNodeTextContent: shown text only (not React's hidden streamed parts)
        const seen = () => document.body.innerText.includes(wanted);
        if (seen()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (!seen()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
    text,
  );
}
