import { type BrowserContext, expect, type Page, type Request } from "@playwright/test";
import { encodeSyncCursor } from "@/lib/sync/cursor";
import { signInViaApi } from "./support/accounts";
import { ownAccountTest as test } from "./support/fixtures";
import { liveUpdatesReady } from "./support/live-updates";
import { NotesPage } from "./support/notes";
import { ReplicaDevice, replicaCookie, replicaNote } from "./support/replica";
import { TasksPage } from "./support/tasks";

// The pages' own requests, as the tests route them (a service worker would answer some itself).
test.use({ serviceWorkers: "block" });

/** A page of `context` on the notes list, listening for pokes, its replica filled. */
async function deviceOnList(context: BrowserContext) {
  const page = await context.newPage();
  const listening = liveUpdatesReady(page);
  await page.goto("/notes");
  await listening;
  const replica = new ReplicaDevice(page);
  await replica.ready();
  await replica.markDocument();
  return { page, replica, notes: new NotesPage(page) };
}

/** Whether `request` asks for a route's whole RSC answer (a render, or a whole-route prefetch). */
const wholeRoute = (request: Request) =>
  request.headers().rsc === "1" && request.headers()["next-router-prefetch"] === undefined;

/**
 * Counts the server renders of the view a page shows (its route's RSC answer, asked again).
 * Whole-route prefetches of other views (a note card's, with a replica) look the same on the
 * wire, hence the path.
 */
function countServerRenders(page: Page) {
  let count = 0;
  page.on("request", (request) => {
    const shown = new URL(page.url()).pathname;
    if (wholeRoute(request) && new URL(request.url()).pathname === shown) count++;
  });
  return () => count;
}

/** Resolves when `page` has the RSC answer for the route at `path` (e.g. its prefetch). */
function routeAnswered(page: Page, path: string) {
  return page.waitForResponse(
    (response) => wholeRoute(response.request()) && new URL(response.url()).pathname === path,
  );
}

/** The routes whose RSC answer `page` asks for from now on. */
function routesAsked(page: Page) {
  const asked: string[] = [];
  page.on("request", (request) => {
    if (request.headers().rsc === "1") asked.push(new URL(request.url()).pathname);
  });
  return asked;
}

test("a note created, edited, trashed and restored on A follows on B's open list, drawn from B's replica without a reload", async ({
  page,
  browser,
  ownAccount,
}) => {
  test.slow();
  const deviceB = await browser.newContext({ serviceWorkers: "block" });
  const { email, password } = ownAccount.account;
  expect((await signInViaApi(deviceB.request, email, password)).ok).toBe(true);
  const b = await deviceOnList(deviceB);
  const serverRendersOnB = countServerRenders(b.page);
  await expect(b.page.getByText("No notes yet. Create your first one.")).toBeVisible();

  const a = new NotesPage(page);
  const noteId = await a.newNote("Made on A");
  await expect(b.notes.cardTitles()).toHaveText(["Made on A"]);

  await a.title().fill("Edited on A");
  await a.expectSaved();
  await expect(b.notes.cardTitles()).toHaveText(["Edited on A"]);

  await page.getByRole("button", { name: "Move to trash" }).click();
  const banner = page.getByRole("status").filter({ hasText: "Note moved to the trash." });
  await expect(banner).toBeVisible();
  await expect(b.notes.cards()).toHaveCount(0);

  await banner.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Note restored.")).toBeVisible();
  await expect(b.notes.cardTitles()).toHaveText(["Edited on A"]);
  await expect(b.notes.cards().getByRole("link")).toHaveAttribute("href", `/notes/${noteId}`);

  expect(await b.replica.notReloaded()).toBe(true);
  // Every change came by pulls into the replica: B's list never asked the server to redraw it.
  expect(serverRendersOnB()).toBe(0);
  await deviceB.close();
});

test("the first sign-in shows the copy's progress, then lists draw from the replica, not the server", async ({
  page,
  context,
}) => {
  const notes = new NotesPage(page);
  await notes.createViaApi({ title: "Groceries" });
  await notes.createViaApi({ title: "Holiday plan" });

  // The first snapshot page waits until the progress indicator has been seen.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/api/sync/snapshot*", async (route) => {
    await held;
    await route.continue();
  });
  const replica = new ReplicaDevice(page);
  await page.goto("/notes");
  await expect(replica.progress()).toBeVisible();
  // Never a blank screen: the server's list shows while the replica fills.
  await expect(notes.cardTitles()).toHaveText(["Holiday plan", "Groceries"]);
  release();
  await expect(replica.progress()).toBeHidden();
  await replica.ready();
  expect((await replicaCookie(context))?.value).toBeTruthy();

  // A note only the replica holds shows at once: the list draws from the replica.
  await replica.write(
    "replicaNotes",
    replicaNote({
      noteId: "01HZZZZZZZZZZZZZZZZZZZZZZZ",
      title: "Only on this device",
      updatedAt: "2999-01-01T00:00:00.000Z",
    }),
  );
  await expect(notes.cardTitles()).toHaveText(["Only on this device", "Holiday plan", "Groceries"]);

  // With the cookie set the server sends no list data at all, and the reloaded list still shows
  // every note (with the sync endpoints unreachable, the replica is the only source).
  const html = await (await page.request.get("/notes")).text();
  expect(html).not.toContain("Groceries");
  await page.route("**/api/sync/**", (route) => route.abort());
  await page.reload();
  await expect(notes.cardTitles()).toHaveText(["Only on this device", "Holiday plan", "Groceries"]);
  await page.goto("/notes/trash");
  await expect(page.getByText("The trash is empty.")).toBeVisible();
});

test("two tabs of one browser see each other's replica changes at once", async ({
  page,
  context,
}) => {
  const notes = new NotesPage(page);
  const shared = await notes.createViaApi({ title: "Shared between tabs" });
  await notes.createViaApi({ title: "Stays" });
  const first = await deviceOnList(context);
  const second = await deviceOnList(context);
  // The second tab cannot reach the feed: only the first tab's replica writes can change it.
  await second.page.route("**/api/sync/**", (route) => route.abort());
  await expect(second.notes.cardTitles()).toHaveText(["Stays", "Shared between tabs"]);

  await first.page.goto(`/notes/${shared.noteId}`);
  await first.page.getByRole("button", { name: "Move to trash" }).click();
  await expect(first.notes.cardTitles()).toHaveText(["Stays"]);
  await expect(second.notes.cardTitles()).toHaveText(["Stays"]);
  expect(await second.replica.notReloaded()).toBe(true);
});

test("a device whose cursor is too old starts over from a new snapshot, cleanly", async ({
  page,
}) => {
  // A pull in flight when the cursor is set may take up to its 20 s timeout on a loaded machine.
  test.slow();
  const notes = new NotesPage(page);
  await notes.createViaApi({ title: "Kept on the server" });
  const device = await deviceOnList(page.context());
  const stale = await device.replica.meta("feedCursor");
  // Something the server no longer has (deleted while this device was away, changes expired).
  await device.replica.write(
    "replicaNotes",
    replicaNote({
      noteId: "01HYYYYYYYYYYYYYYYYYYYYYYY",
      title: "Gone from the server",
      updatedAt: "2026-01-01T00:00:00.000Z",
    }),
  );
  await expect(device.notes.cardTitles()).toHaveText([
    "Kept on the server",
    "Gone from the server",
  ]);

  // A cursor minted as the server does, 40 days old (changes are kept 29 days).
  const old = encodeSyncCursor({ s: 0, t: Math.floor(Date.now() / 1000) - 40 * 24 * 3600 });
  await device.replica.write("meta", { key: "feedCursor", value: old });
  const snapshot = device.page.waitForResponse((response) =>
    response.url().includes("/api/sync/snapshot"),
  );
  await device.replica.focus();
  expect((await snapshot).status()).toBe(200);

  await expect(device.notes.cardTitles()).toHaveText(["Kept on the server"]);
  await expect.poll(() => device.replica.meta("feedCursor")).not.toBe(old);
  expect(await device.replica.meta("feedCursor")).toBeTruthy();
  expect(stale).toBeTruthy();
  expect(await device.replica.notReloaded()).toBe(true);
});

test("a note open in the editor with nothing unsaved follows an edit saved on another device", async ({
  page,
}) => {
  test.slow();
  const notes = new NotesPage(page);
  const made = await notes.createViaApi({ title: "Followed", content: "first words" });
  const b = await deviceOnList(page.context());
  // Opened within the app: the live connection stays, the note draws from B's replica.
  await b.page.getByRole("link", { name: "Followed" }).click();
  await expect(b.notes.content()).toHaveValue("first words");
  await b.notes.expectSaved();

  // Another device saves a newer version (the API, as a phone would).
  const saved = await page.request.patch(`/api/notes/${made.noteId}`, {
    data: { version: made.version, content: "edited on the phone" },
  });
  expect(saved.status()).toBe(200);
  await expect(b.notes.content()).toHaveValue("edited on the phone");
  await b.notes.expectSaved();
  // Typing goes on from their version: the next save is no conflict.
  await b.notes.content().fill("edited on the phone, then here");
  await b.notes.expectSaved();
  expect((await (await page.request.get(`/api/notes/${made.noteId}`)).json()).content).toBe(
    "edited on the phone, then here",
  );
  expect(await b.replica.notReloaded()).toBe(true);
});

test("with the replica ready, a note opened from the list and the board opened from the tasks ask the server nothing", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  const tasks = new TasksPage(page);
  const note = await notes.createViaApi({ title: "Read me", content: "Drawn on this device" });
  await notes.createViaApi({ title: "Another" });
  await tasks.createViaApi({ description: "On the board" });
  await page.goto("/notes");
  await new ReplicaDevice(page).ready();

  // A person coming back: a new tab loads with the replica ready. The notes on screen and the
  // main views are prefetched whole (their shells carry no data), once, after load. (A new tab:
  // this one's own prefetches, made as its replica became ready, must not count.)
  const back = await page.context().newPage();
  const backNotes = new NotesPage(back);
  const backTasks = new TasksPage(back);
  const notePrefetched = routeAnswered(back, `/notes/${note.noteId}`);
  const boardPrefetched = routeAnswered(back, "/tasks/board");
  await back.goto("/notes");
  await Promise.all([notePrefetched, boardPrefetched]);
  const asked = routesAsked(back);

  await backNotes.cards().getByRole("link", { name: "Read me" }).click();
  await expect(backNotes.title()).toHaveValue("Read me");
  await expect(backNotes.content()).toHaveValue("Drawn on this device");
  await back.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" }).click();
  await expect(backTasks.row("On the board")).toBeVisible();
  await back
    .getByRole("navigation", { name: "Task views" })
    .getByRole("link", { name: "Board" })
    .click();
  await expect(backTasks.handle("On the board")).toBeVisible();
  expect(
    asked.filter((path) => [`/notes/${note.noteId}`, "/tasks", "/tasks/board"].includes(path)),
  ).toEqual([]);
});
