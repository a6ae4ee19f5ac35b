/**
 * One timed step of the navigation benchmark (bench/sync-browser.ts): a click in the page, the
 * ms until the next view shows, and where that time went (server answer, route chunks, long
 * tasks), measured inside the page.
 */
import type { Page } from "@playwright/test";

/** What a view must show to count as shown. */
export type Ready = { selector: string } | { titleIs: string };

/** One timed step: click → view shown, and where that time went. */
export interface Timed {
  readonly ms: number;
  /** Click → the end of the last request the step made (its RSC payload), 0 when none. */
  readonly serverMs: number;
  /** Click → the end of the last script (a route's chunk) the step loaded, 0 when none. */
  readonly scriptMs: number;
  /** How many scripts the step loaded. */
  readonly scripts: number;
  /** Main-thread tasks over 50 ms during the step (rendering, parsing, IndexedDB reads): their sum. */
  readonly longTaskMs: number;
}

/** Clicks `click` in the page and resolves with the ms until `ready` holds (polled per frame). */
export function timedClick(page: Page, click: string, ready: Ready): Promise<Timed> {
  return page.evaluate(
    ([click, ready]) =>
      new Promise<Timed>((resolve, reject) => {
        const shown = () => {
          if ("selector" in ready) return document.querySelector(ready.selector) !== null;
          const title = document.querySelector<HTMLTextAreaElement>("#note-title");
          return title?.value === ready.titleIs;
        };
        const link = document.querySelector<HTMLElement>(click);
        if (!link) return reject(new Error(`nothing to click: ${click}`));
        const started = performance.now();
        let longTaskMs = 0;
        const count = (entries: PerformanceEntryList) => {
          for (const entry of entries)
            if (entry.startTime + entry.duration >= started) longTaskMs += entry.duration;
        };
        const longTasks = new PerformanceObserver((list) => count(list.getEntries()));
        longTasks.observe({ type: "longtask" });
        link.click();
        const requests = (match: (name: string) => boolean) =>
          performance
            .getEntriesByType("resource")
            .filter((entry) => entry.startTime >= started && match(entry.name))
            .map((entry) => (entry as PerformanceResourceTiming).responseEnd - started);
        const lastEnd = (ends: number[]) => (ends.length > 0 ? Math.max(...ends) : 0);
        const tick = () => {
          if (shown()) {
            const ms = performance.now() - started;
            const scripts = requests((name) => /\.js(?:\?|$)/.test(name));
            // Long tasks are reported after they end: one more frame lets the last one in.
            requestAnimationFrame(() => {
              count(longTasks.takeRecords());
              longTasks.disconnect();
              resolve({
                ms,
                serverMs: lastEnd(requests((name) => name.includes("_rsc="))),
                scriptMs: lastEnd(scripts),
                scripts: scripts.length,
                longTaskMs,
              });
            });
          } else if (performance.now() - started > 15_000)
            reject(new Error(`not shown: ${JSON.stringify(ready)}`));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    [click, ready] as const,
  );
}
