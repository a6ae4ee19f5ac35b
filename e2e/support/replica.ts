import { type BrowserContext, expect, type Page } from "@playwright/test";

/**
 * The device's replica as tests see it: its progress indicator, and its IndexedDB stores
 * (database `jotboard`, see lib/offline/store.ts), read and written from inside the page.
 * Only touch the stores once the app has opened the database (after `ready()`): opening it
 * first would create it without the app's stores.
 */
export class ReplicaDevice {
  constructor(readonly page: Page) {}

  progress() {
    return this.page.getByRole("progressbar", { name: "Copying your library to this device" });
  }

  /** A value of the replica's meta store (`replicaState`, `feedCursor`, …). */
  meta(key: string): Promise<string | undefined> {
    return this.page.evaluate(
      (wanted) =>
        new Promise<string | undefined>((resolve, reject) => {
          const open = indexedDB.open("jotboard");
          // Not there yet: never create it (an empty database at version 1 would be the app's
          // to upgrade), and there is nothing to read.
          let absent = false;
          open.onupgradeneeded = () => {
            absent = true;
            open.transaction?.abort();
          };
          open.onerror = () => (absent ? resolve(undefined) : reject(open.error));
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains("meta")) {
              db.close();
              return resolve(undefined);
            }
            const read = db.transaction("meta").objectStore("meta").get(wanted);
            read.onsuccess = () => {
              db.close();
              resolve((read.result as { value?: string } | undefined)?.value);
            };
            read.onerror = () => reject(read.error);
          };
        }),
      key,
    );
  }

  /** Waits until the first sync filled the replica (and the page knows it). */
  async ready() {
    await expect.poll(() => this.meta("replicaState"), { timeout: 20_000 }).toBe("ready");
  }

  /**
   * Writes into the replica as the app does (a put, then the announcement to the other tabs),
   * bypassing the server: what a view then shows can only come from the replica.
   */
  async write(store: "replicaNotes" | "meta", value: Record<string, unknown>) {
    await this.page.evaluate(
      ({ name, record }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("jotboard");
          // Written only into the app's own database, never one this creates.
          open.onupgradeneeded = () => open.transaction?.abort();
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(name, "readwrite");
            tx.objectStore(name).put(record);
            tx.oncomplete = () => {
              db.close();
              const channel = new BroadcastChannel("jotboard-replica");
              channel.postMessage("changed");
              channel.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      { name: store, record: value },
    );
  }

  /** Asks the sync engine to pull, as coming back to the window does. */
  async focus() {
    await this.page.evaluate(() => window.dispatchEvent(new Event("focus")));
  }

  /** Marks this document, so a test can tell that it was not reloaded. */
  async markDocument() {
    await this.page.evaluate(() => {
      (window as { notReloaded?: boolean }).notReloaded = true;
    });
  }

  notReloaded() {
    return this.page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded === true);
  }
}

/** The cookie that tells server pages this browser holds a ready replica. */
export async function replicaCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === "jotboard-replica");
}

/** A note as the replica stores it (with its list key, lib/replica/records.ts). */
export function replicaNote(fields: {
  noteId: string;
  title: string;
  updatedAt: string;
  version?: number;
}) {
  return {
    content: "",
    pinned: false,
    tags: [],
    attachments: [],
    remoteImages: false,
    createdAt: fields.updatedAt,
    version: 1,
    deletedAt: null,
    ...fields,
    listKey: `live#0#${fields.updatedAt}#${fields.noteId}`,
  };
}
