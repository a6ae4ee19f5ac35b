import type { BrowserContext, Page } from "@playwright/test";

/**
 * `read(page)`, once more after the page has loaded afresh when a navigation cut it short (a
 * signed-in page leaves for sign-in by itself once it learns that its session ended).
 */
export async function readSettled<T>(page: Page, read: (page: Page) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await read(page);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("Execution context was destroyed")) throw error;
      await page.waitForLoadState();
    }
  }
}

/**
 * What a page's device keeps in its IndexedDB database `jotboard`: the number of records in
 * each store that holds any (empty when the database is gone or holds nothing). Never creates
 * the database: an open that would have to create it is called off.
 */
export function deviceRecords(page: Page): Promise<Record<string, number>> {
  return readSettled(page, readDeviceRecords);
}

function readDeviceRecords(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((database) => database.name);
    if (!names.includes("jotboard")) return {};
    return new Promise<Record<string, number>>((resolve, reject) => {
      const open = indexedDB.open("jotboard");
      // Deleted since it was listed: leave nothing behind.
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onerror = () => resolve({});
      open.onsuccess = () => {
        const db = open.result;
        const stores = [...db.objectStoreNames];
        if (stores.length === 0) {
          db.close();
          return resolve({});
        }
        const counts: Record<string, number> = {};
        const tx = db.transaction(stores);
        for (const store of stores) {
          const request = tx.objectStore(store).count();
          request.onsuccess = () => {
            if (request.result > 0) counts[store] = request.result;
          };
        }
        tx.oncomplete = () => {
          db.close();
          resolve(counts);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      };
    });
  });
}

/** The replica cookie the device holds, if any (set once its replica is ready). */
export async function replicaCookie(context: BrowserContext): Promise<string | undefined> {
  const cookies = await context.cookies();
  return cookies.find((cookie) => cookie.name === "jotboard-replica")?.value;
}

/** Waits until the service worker controls the page (it claims clients once active). */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
      );
    }
  });
}
