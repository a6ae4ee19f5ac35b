import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, expect, type Page, test } from "@playwright/test";
import { chromiumArgs, resolveChromium } from "./chromium";
import { signInViaApi } from "./support/accounts";
import { storedObjectKeys } from "./support/cloud";
import { readSettled, serviceWorkerReady } from "./support/device-data";
import { ownAccountTest, workerAccountTest } from "./support/fixtures";
import { NotesPage } from "./support/notes";
import { TasksPage } from "./support/tasks";

/** The note drafts kept in this page's IndexedDB: their text and the version they build on. */
function keptDrafts(page: Page): Promise<{ content: string; version?: number }[]> {
  return page.evaluate(
    () =>
      new Promise<{ content: string; version?: number }[]>((resolve, reject) => {
        const open = indexedDB.open("jotboard");
        // Not there yet: nothing kept (and never create it: the app upgrades its own).
        let absent = false;
        open.onupgradeneeded = () => {
          absent = true;
          open.transaction?.abort();
        };
        open.onerror = () => (absent ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const request = open.result.transaction("drafts").objectStore("drafts").getAll();
          request.onsuccess = () => {
            resolve(
              request.result.map(
                (draft: { fields: { content: string }; base: { version: number } | null }) => ({
                  content: draft.fields.content,
                  version: draft.base?.version,
                }),
              ),
            );
            open.result.close();
          };
        };
      }),
  );
}

/** The changes waiting in this page's outbox (IndexedDB): where they go and what they carry. */
function keptOutbox(page: Page): Promise<{ url: string; body: unknown }[]> {
  return page.evaluate(
    () =>
      new Promise<{ url: string; body: unknown }[]>((resolve, reject) => {
        const open = indexedDB.open("jotboard");
        // Not there yet: nothing kept (and never create it: the app upgrades its own).
        let absent = false;
        open.onupgradeneeded = () => {
          absent = true;
          open.transaction?.abort();
        };
        open.onerror = () => (absent ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const request = open.result.transaction("outbox").objectStore("outbox").getAll();
          request.onsuccess = () => {
            resolve(
              request.result.map((queued: { url: string; body: unknown }) => ({
                url: queued.url,
                body: queued.body,
              })),
            );
            open.result.close();
          };
        };
      }),
  );
}

/** Names of this page's IndexedDB databases. */
function databaseNames(page: Page): Promise<(string | undefined)[]> {
  return readSettled(page, (settled) =>
    settled.evaluate(async () => (await indexedDB.databases()).map((db) => db.name)),
  );
}

/** URLs of the account's pages and API answers in the service worker's runtime caches. */
function cachedAppUrls(page: Page): Promise<string[]> {
  return readSettled(page, readCachedAppUrls);
}

function readCachedAppUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      if (name.startsWith("serwist-precache")) continue;
      const cache = await caches.open(name);
      urls.push(...(await cache.keys()).map((request) => request.url));
    }
    return urls.filter((url) =>
      /\/(notes|tasks|settings|api)(\/|\?|$)/.test(new URL(url).pathname),
    );
  });
}

async function installabilityErrors(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const result = (await cdp.send("Page.getInstallabilityErrors")) as {
    installabilityErrors: { errorId: string }[];
  };
  return result.installabilityErrors.map((error) => error.errorId);
}

test.describe("installable", () => {
  // A normal context is off the record and always reports "in-incognito".
  let context: BrowserContext;
  let profile: string;
  test.beforeEach(async ({ baseURL }) => {
    profile = mkdtempSync(path.join(tmpdir(), "jotboard-profile-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: resolveChromium(),
      args: chromiumArgs,
      baseURL,
    });
  });
  test.afterEach(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test("Chromium finds nothing missing to install the app", async () => {
    const page = await context.newPage();
    await page.goto("/");
    await expect.poll(() => installabilityErrors(page), { timeout: 15_000 }).toEqual([]);
  });

  test("without its icons the app is not installable (negative control)", async () => {
    await context.route("**/icons/**", (route) => route.fulfill({ status: 404, body: "" }));
    const page = await context.newPage();
    await page.goto("/");
    await expect
      .poll(async () => (await installabilityErrors(page)).join(","), { timeout: 15_000 })
      .toMatch(/icon/);
  });
});

test("the manifest parses without errors and says what the app is", async ({ page }) => {
  await page.goto("/");
  const cdp = await page.context().newCDPSession(page);
  const manifest = (await cdp.send("Page.getAppManifest")) as {
    url: string;
    errors: unknown[];
    data?: string;
  };
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  expect(manifest.errors).toEqual([]);
  const data = JSON.parse(manifest.data ?? "{}");
  expect(data).toMatchObject({ name: "Jotboard", display: "standalone", start_url: "/notes" });
  expect(data.shortcuts.map((shortcut: { name: string }) => shortcut.name)).toEqual([
    "New note",
    "New task",
  ]);
  expect(data.share_target).toMatchObject({ action: "/notes/new", method: "GET" });
});

ownAccountTest.describe("offline", () => {
  ownAccountTest.beforeEach(async ({ page }) => {
    await page.goto("/notes");
    await serviceWorkerReady(page);
  });

  ownAccountTest(
    "notes seen online can be read offline, with an offline indicator",
    async ({ page, context }) => {
      const notes = new NotesPage(page);
      const noteId = await notes.newNote();
      await notes.title().fill("Read me on the train");
      await notes.content().fill("kept for offline");
      await notes.expectSaved();
      await page.goto("/notes");
      await expect(page.getByRole("link", { name: "Read me on the train" })).toBeVisible();
      await page.goto(`/notes/${noteId}`);
      await expect(notes.content()).toHaveValue("kept for offline");

      await context.setOffline(true);
      await page.reload();
      await expect(notes.content()).toHaveValue("kept for offline");
      await expect(page.getByTestId("sync-status")).toContainText("Offline");
      await page.goto("/notes");
      await expect(page.getByRole("link", { name: "Read me on the train" })).toBeVisible();

      // A page never opened falls back to the offline page, which lists what this device kept.
      await page.goto("/notes/trash");
      await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
      await expect(page.getByText("Read me on the train")).toBeVisible();
      await context.setOffline(false);
    },
  );

  ownAccountTest(
    "an edit made offline is kept, shown at once, and applied once when back online",
    async ({ page, context }) => {
      const notes = new NotesPage(page);
      const noteId = await notes.newNote();
      await notes.content().fill("online text");
      await notes.expectSaved();
      const before = await (await page.request.get(`/api/notes/${noteId}`)).json();

      await context.setOffline(true);
      await notes.content().fill("written in a tunnel");
      await expect(page.locator("[data-save-state]")).toHaveAttribute("data-save-state", "offline");
      await expect(page.getByTestId("sync-status")).toContainText("1 change waiting");
      await notes.content().fill("written in a tunnel, and more");
      // Both edits fold into the one draft kept on the device before the connection returns.
      await expect
        .poll(() => keptDrafts(page))
        .toEqual([{ version: before.version, content: "written in a tunnel, and more" }]);
      await expect(page.getByTestId("sync-status")).toContainText("1 change waiting");

      await context.setOffline(false);
      await notes.expectSaved();
      await expect(page.getByTestId("sync-status")).toHaveCount(0);
      const after = await (await page.request.get(`/api/notes/${noteId}`)).json();
      expect(after.content).toBe("written in a tunnel, and more");
      expect(after.version).toBe(before.version + 1);
    },
  );

  ownAccountTest(
    "a note and a task created and a task moved offline reach the server exactly once",
    async ({ page, context }) => {
      const tasks = new TasksPage(page);
      const moving = await tasks.createViaApi({ description: "Move me" });
      // Open the pages once online, as a person would before losing the connection.
      await page.goto("/notes");
      // The new-note page is kept for offline use, though this person never opened it.
      await expect
        .poll(() => page.evaluate(async () => Boolean(await caches.match("/notes/new"))))
        .toBe(true);
      await tasks.gotoList();
      await tasks.gotoBoard();
      await expect(tasks.card("todo", moving.taskId)).toBeVisible();

      await context.setOffline(true);
      await page.goto("/notes");
      await page.getByRole("link", { name: "New note" }).click();
      const newNote = new NotesPage(page);
      await expect(newNote.title()).toBeFocused();
      await page.keyboard.type("Written offline");
      await expect(page.getByTestId("sync-status")).toContainText("1 change waiting");
      await tasks.gotoList();
      await tasks.quickAdd("Made offline");
      await tasks.gotoBoard();
      await tasks.dragWithKeyboard("Move me", ["ArrowRight"]);
      await expect(tasks.card("in-progress", moving.taskId)).toBeVisible();
      await expect(page.getByTestId("sync-status")).toContainText("3 changes waiting");

      await context.setOffline(false);
      await expect(page.getByTestId("sync-status")).toHaveCount(0, { timeout: 20_000 });
      const notes = (await (await page.request.get("/api/notes")).json()).items;
      expect(notes.map((note: { title: string }) => note.title)).toEqual(["Written offline"]);
      const all = (await (await page.request.get("/api/tasks")).json()).items as {
        description: string;
        taskId: string;
        status: string;
      }[];
      expect(all.filter((task) => task.description === "Made offline")).toHaveLength(1);
      expect((await tasks.getViaApi(moving.taskId)).status).toBe("in-progress");
    },
  );

  ownAccountTest(
    "an attachment chosen offline waits on the device and uploads when back online",
    async ({ page, context }) => {
      const notes = new NotesPage(page);
      const noteId = await notes.newNote();
      await notes.expectSaved();
      await context.setOffline(true);
      await page.getByLabel("Choose files").setInputFiles([
        {
          name: "later.pdf",
          mimeType: "application/pdf",
          buffer: Buffer.from("%PDF-1.4 offline"),
        },
      ]);
      await expect(page.getByText("Offline: uploads when you are back online.")).toBeVisible();
      await expect(page.getByTestId("sync-status")).toContainText("1 change waiting");
      expect(await storedObjectKeys(noteId)).toEqual([]);

      await context.setOffline(false);
      await expect(page.getByRole("link", { name: "later.pdf" })).toBeVisible({ timeout: 20_000 });
      expect(await storedObjectKeys(noteId)).toHaveLength(1);
      const stored = await (await page.request.get(`/api/notes/${noteId}`)).json();
      expect(stored.attachments.map((a: { name: string }) => a.name)).toEqual(["later.pdf"]);
    },
  );

  ownAccountTest(
    "a task edited offline is saved on the device and applied once when back online",
    async ({ page, context }) => {
      const tasks = new TasksPage(page);
      const task = await tasks.createViaApi({ description: "Call the plumber" });
      await tasks.gotoList();
      await tasks.openEditor("Call the plumber");
      const editor = tasks.editor();

      await context.setOffline(true);
      await editor.getByLabel("Description").fill("Call the plumber about the boiler");
      await tasks.saveOffline();
      await expect(page.getByTestId("sync-status")).toContainText("1 change waiting");

      await context.setOffline(false);
      await expect(page.getByTestId("sync-status")).toHaveCount(0, { timeout: 20_000 });
      const stored = await tasks.getViaApi(task.taskId);
      expect(stored).toMatchObject({
        description: "Call the plumber about the boiler",
        version: task.version + 1,
      });
    },
  );

  ownAccountTest(
    "a note's title and text edited offline both reach the server",
    async ({ page, context }) => {
      const notes = new NotesPage(page);
      const noteId = await notes.newNote("Before the tunnel");
      await notes.content().fill("online text");
      await notes.expectSaved();
      const before = await (await page.request.get(`/api/notes/${noteId}`)).json();

      await context.setOffline(true);
      await notes.title().fill("Title written offline");
      await expect(page.locator("[data-save-state]")).toHaveAttribute("data-save-state", "offline");
      await notes.content().fill("Text written offline");
      await expect
        .poll(() => keptDrafts(page))
        .toEqual([{ version: before.version, content: "Text written offline" }]);
      await expect(page.getByTestId("sync-status")).toContainText("1 change waiting");

      await context.setOffline(false);
      await notes.expectSaved();
      await expect(page.getByTestId("sync-status")).toHaveCount(0);
      const after = await (await page.request.get(`/api/notes/${noteId}`)).json();
      expect(after).toMatchObject({
        title: "Title written offline",
        content: "Text written offline",
        version: before.version + 1,
      });
    },
  );

  ownAccountTest(
    "a task's description and details saved offline one after the other both reach the server",
    async ({ page, context }) => {
      const tasks = new TasksPage(page);
      const task = await tasks.createViaApi({ description: "Buy paint" });
      await tasks.gotoList();
      await tasks.openEditor("Buy paint");
      const editor = tasks.editor();

      await context.setOffline(true);
      await editor.getByLabel("Description").fill("Buy white paint");
      await tasks.saveOffline();
      await editor.getByRole("textbox", { name: "Details (markdown)" }).fill("Two litres, matt");
      await editor.getByRole("button", { name: "Save" }).click();
      // The two saves are one change on the device, carrying both fields.
      await expect
        .poll(() => keptOutbox(page))
        .toEqual([
          {
            url: `/api/tasks/${task.taskId}`,
            body: {
              base: { description: "Buy paint", details: "" },
              description: "Buy white paint",
              details: "Two litres, matt",
            },
          },
        ]);
      await expect(page.getByTestId("sync-status")).toContainText("1 change waiting");

      await context.setOffline(false);
      await expect(page.getByTestId("sync-status")).toHaveCount(0, { timeout: 20_000 });
      expect(await tasks.getViaApi(task.taskId)).toMatchObject({
        description: "Buy white paint",
        details: "Two litres, matt",
        version: task.version + 1,
      });
    },
  );

  ownAccountTest(
    "a change the server fails on is set aside with its message, to retry or discard",
    async ({ page, context }) => {
      const tasks = new TasksPage(page);
      const failing = await tasks.createViaApi({ description: "Water the plants" });
      const behind = await tasks.createViaApi({ description: "Feed the cat" });
      await tasks.gotoList();
      await tasks.openEditor("Water the plants");
      await context.setOffline(true);
      const editor = tasks.editor();
      await editor.getByLabel("Description").fill("Water the plants twice");
      await tasks.saveOffline();
      await tasks.doneBox("Feed the cat").check();
      await expect(page.getByTestId("sync-status")).toContainText("2 changes waiting");

      // The server fails on the first change (a bug on its side, not an outage).
      const failingUrl = `**/api/tasks/${failing.taskId}`;
      await context.route(failingUrl, (route) =>
        route.request().method() === "PATCH"
          ? route.fulfill({
              status: 500,
              contentType: "application/json",
              body: JSON.stringify({
                error: { code: "internal", message: "Something went wrong on our side." },
              }),
            })
          : route.continue(),
      );
      await context.setOffline(false);
      const notSent = page.getByRole("button", { name: "1 change not sent" });
      await expect(notSent).toBeVisible({ timeout: 20_000 });
      // The change behind it was not held up.
      await expect
        .poll(async () => (await tasks.getViaApi(behind.taskId)).status)
        .toBe("completed");
      await notSent.click();
      const panel = page.getByRole("region", { name: "Changes not sent" });
      await expect(panel).toContainText("Edit a task");
      await expect(panel).toContainText("Something went wrong on our side.");

      await context.unroute(failingUrl);
      await panel.getByRole("button", { name: "Retry: Edit a task" }).click();
      await expect(notSent).toHaveCount(0, { timeout: 20_000 });
      expect(await tasks.getViaApi(failing.taskId)).toMatchObject({
        description: "Water the plants twice",
        version: failing.version + 1,
      });
    },
  );

  ownAccountTest("signing out clears the offline data of this device", async ({ page }) => {
    const notes = new NotesPage(page);
    await notes.newNote();
    await notes.title().fill("private thoughts");
    await notes.expectSaved();
    await page.goto("/notes");
    await expect.poll(() => databaseNames(page)).toContain("jotboard");

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/\?signed-out=1$/);
    await expect.poll(() => databaseNames(page)).not.toContain("jotboard");
    // Public pages the landing page prefetches may be cached again; nothing of the account is.
    await expect.poll(() => cachedAppUrls(page)).toEqual([]);
  });
});

ownAccountTest(
  "a session ended on another device takes this device's copy of the account with it",
  async ({ page, context, browser, ownAccount: { account } }) => {
    await page.goto("/notes");
    await serviceWorkerReady(page);
    const notes = new NotesPage(page);
    const noteId = await notes.newNote();
    await notes.title().fill("Kept on this phone");
    await notes.content().fill("private plans");
    await notes.expectSaved();
    await page.goto("/notes");
    await expect(page.getByRole("link", { name: "Kept on this phone" })).toBeVisible();
    await page.goto(`/notes/${noteId}`);
    await expect(notes.content()).toHaveValue("private plans");
    await expect.poll(() => databaseNames(page)).toContain("jotboard");
    await expect.poll(() => cachedAppUrls(page)).not.toEqual([]);

    // The person signs out everywhere from another device.
    const other = await browser.newContext();
    expect((await signInViaApi(other.request, account.email, account.password)).ok).toBe(true);
    const otherPage = await other.newPage();
    await otherPage.goto("/settings");
    await otherPage.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(otherPage).toHaveURL(/\/signin/);
    await other.close();

    // This device learns it from its next request, and lets go of everything it kept.
    // (The poke that followed may already be taking it to sign-in.)
    expect(
      await readSettled(page, (settled) =>
        settled.evaluate(async () => (await fetch("/api/notes")).status),
      ),
    ).toBe(401);
    await expect.poll(() => databaseNames(page)).not.toContain("jotboard");
    await expect.poll(() => cachedAppUrls(page)).toEqual([]);

    // Offline, whoever holds the device finds nothing of the account.
    await context.setOffline(true);
    await page.goto(`/notes/${noteId}`);
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await expect(page.getByText("No notes kept on this device.")).toBeVisible();
    await expect(page.getByText("Kept on this phone")).toHaveCount(0);
    await context.setOffline(false);
  },
);

workerAccountTest(
  "a mutation replayed with the same idempotency key applies exactly once",
  async ({ page }) => {
    const created = await (
      await page.request.post("/api/notes", { data: { title: "once" } })
    ).json();
    const patch = () =>
      page.request.patch(`/api/notes/${created.noteId}`, {
        data: { version: created.version, content: "applied once" },
        headers: { "idempotency-key": "01REPLAYKEY000000000000000" },
      });
    const first = await patch();
    const second = await patch();
    const third = await patch();
    expect([first.status(), second.status(), third.status()]).toEqual([200, 200, 200]);
    expect(second.headers()["idempotent-replay"]).toBe("true");
    expect(await second.json()).toEqual(await first.json());
    const stored = await (await page.request.get(`/api/notes/${created.noteId}`)).json();
    expect(stored).toMatchObject({ content: "applied once", version: created.version + 1 });
  },
);

test.describe("on a 360 x 640 phone", () => {
  test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

  workerAccountTest("the main flows fit, with the navigation at the bottom", async ({ page }) => {
    await page.goto("/notes");
    const bottomNav = page.getByRole("navigation", { name: "Main" });
    await expect(bottomNav).toBeVisible();
    const notes = new NotesPage(page);
    await notes.newNote();
    await notes.title().fill("From my phone");
    await notes.expectSaved();
    for (const target of ["Notes", "Settings"]) {
      await bottomNav.getByRole("link", { name: target }).tap();
      await expect(page.getByRole("heading", { name: target, level: 1 })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
    }
    const box = await bottomNav.getByRole("link", { name: "Notes" }).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  });
});
