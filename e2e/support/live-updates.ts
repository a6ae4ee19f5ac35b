import type { Page, WebSocket } from "@playwright/test";

/**
 * Resolves once the page's live-update client is subscribed to its topic: the broker's SUBACK
 * (0x90, length 3, packet id, return code 0) has arrived over the page's WebSocket. The local
 * broker writes a packet in pieces, one WebSocket frame each, so the bytes are joined first.
 * Call it before the page loads: pokes sent before that moment reach no one.
 */
export function liveUpdatesReady(page: Page): Promise<WebSocket> {
  return new Promise((resolve) => {
    page.on("websocket", (socket) => {
      let received = "";
      socket.on("framereceived", ({ payload }) => {
        const bytes = typeof payload === "string" ? Buffer.from(payload, "latin1") : payload;
        received += bytes.toString("hex");
        if (/9003[0-9a-f]{4}00/.test(received)) resolve(socket);
      });
    });
  });
}

/**
 * Resolves when the server answers the page's request for a fresh server-rendered view
 * (router.refresh() asks for the route's RSC payload, not a prefetch). Not its end: a newer
 * refresh may supersede a streaming one, which then never finishes.
 */
export async function nextViewRefresh(page: Page): Promise<void> {
  const request = await page.waitForRequest(
    (candidate) =>
      candidate.headers().rsc === "1" && candidate.headers()["next-router-prefetch"] === undefined,
  );
  await request.response();
}

/**
 * Resolves when the page next takes in what changed elsewhere: a pull into its replica (a view
 * drawn from the replica, issue 13) or, before the replica is filled, a fresh server render.
 */
export async function nextViewUpdate(page: Page): Promise<void> {
  const request = await page.waitForRequest(
    (candidate) =>
      new URL(candidate.url()).pathname === "/api/sync/changes" ||
      (candidate.headers().rsc === "1" &&
        candidate.headers()["next-router-prefetch"] === undefined),
  );
  await request.response();
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
