import { expect } from "@playwright/test";
import { serviceWorkerReady } from "./support/device-data";
import { ownAccountTest as test } from "./support/fixtures";
import { liveUpdatesReady } from "./support/live-updates";
import { TasksPage } from "./support/tasks";

// The task views draw from the library kept on the device (issue 13): a change made on another
// device arrives without a reload, a change made here shows at once (offline too, and across a
// reload), and a change the server refuses is taken back with a message.

test("a task created and moved on one device shows on the other's board without a reload", async ({
  page,
  browser,
  ownAccount,
}) => {
  // Two devices, each filling its replica first.
  test.slow();
  const deviceA = new TasksPage(page);
  await deviceA.gotoList();
  await deviceA.replicaReady();

  const contextB = await browser.newContext();
  await contextB.addCookies(ownAccount.cookies);
  const pageB = await contextB.newPage();
  const deviceB = new TasksPage(pageB);
  const listening = liveUpdatesReady(pageB);
  await deviceB.gotoBoard();
  await listening;
  await deviceB.replicaReady();
  await pageB.evaluate(() => {
    (window as { notReloaded?: boolean }).notReloaded = true;
  });

  await deviceA.quickAdd("Fix the garden gate");
  const taskId = await deviceA.rowId("Fix the garden gate");
  await expect(deviceB.card("todo", taskId)).toBeVisible();
  await expect(deviceB.counts()).toHaveText("1 to do, 0 in progress, 0 done");

  await deviceA.gotoBoard();
  await deviceA.dragWithKeyboard("Fix the garden gate", ["ArrowRight"]);
  await expect(deviceA.card("in-progress", taskId)).toBeVisible();
  await expect(deviceB.card("in-progress", taskId)).toBeVisible();
  await expect(deviceB.card("todo", taskId)).toHaveCount(0);
  await expect(deviceB.counts()).toHaveText("0 to do, 1 in progress, 0 done");
  expect(
    await pageB.evaluate(() => (window as { notReloaded?: boolean }).notReloaded === true),
  ).toBe(true);
  await contextB.close();
});

test("a task added offline shows at once, survives a reload before reconnecting, and is saved once", async ({
  page,
  context,
}) => {
  const tasks = new TasksPage(page);
  await tasks.createViaApi({ description: "Renew the passport" });
  await tasks.gotoList();
  await tasks.replicaReady();
  // The service worker keeps the page's shell for the offline reload.
  await serviceWorkerReady(page);
  await page.reload();
  await expect(tasks.row("Renew the passport")).toBeVisible();

  await context.setOffline(true);
  await tasks.quickAdd("Buy stamps");
  await tasks.doneBox("Renew the passport").check();
  await expect(page.getByTestId("sync-status")).toContainText("2 changes waiting");

  await page.reload();
  await expect(tasks.row("Buy stamps")).toBeVisible();
  // Drawn afresh, the list of open tasks leaves the one completed offline out, and counts it.
  await expect(tasks.counts()).toHaveText("1 to do, 0 in progress, 1 done");
  await expect(tasks.row("Renew the passport")).toHaveCount(0);
  await expect(page.getByTestId("sync-status")).toContainText("2 changes waiting");

  await context.setOffline(false);
  await expect(page.getByTestId("sync-status")).toHaveCount(0, { timeout: 20_000 });
  const saved = await (await page.request.get("/api/tasks?status=completed")).json();
  expect(saved.items.map((task: { description: string }) => task.description)).toEqual([
    "Renew the passport",
  ]);
  const open = await (await page.request.get("/api/tasks?status=todo")).json();
  expect(open.items.map((task: { description: string }) => task.description)).toEqual([
    "Buy stamps",
  ]);
  await expect(tasks.row("Buy stamps")).toBeVisible();
});

test("an offline edit of a task deleted for good elsewhere is taken back, with a message", async ({
  page,
  context,
}) => {
  const tasks = new TasksPage(page);
  const task = await tasks.createViaApi({ description: "Book the venue" });
  await tasks.createViaApi({ description: "Send invitations" });
  await tasks.gotoList();
  await tasks.replicaReady();

  await context.setOffline(true);
  await tasks.doneBox("Book the venue").check();
  await expect(tasks.doneBox("Book the venue")).toBeChecked();
  await expect(tasks.counts()).toHaveText("1 to do, 0 in progress, 1 done");
  // Another device deletes it for good meanwhile (the API client is not the offline browser).
  await tasks.deleteForeverViaApi(task.taskId);

  await context.setOffline(false);
  await expect(
    page.getByRole("status").filter({ hasText: "Your change to “Book the venue” was not saved" }),
  ).toContainText("This task does not exist.", { timeout: 20_000 });
  await expect(tasks.row("Book the venue")).toHaveCount(0);
  await expect(tasks.counts()).toHaveText("1 to do, 0 in progress, 0 done");
  await expect(tasks.row("Send invitations")).toBeVisible();
});

test("B's changes made offline and A's made meanwhile are all on both devices, once, after B reconnects", async ({
  page,
  browser,
  ownAccount,
}) => {
  test.slow();
  const deviceA = new TasksPage(page);
  await deviceA.createViaApi({ description: "Water the plants" });
  await deviceA.gotoList();
  await deviceA.replicaReady();

  const contextB = await browser.newContext();
  await contextB.addCookies(ownAccount.cookies);
  const pageB = await contextB.newPage();
  const deviceB = new TasksPage(pageB);
  await deviceB.gotoList();
  await deviceB.replicaReady();
  // The service worker keeps B's shell, as on a phone that has opened the app before.
  await serviceWorkerReady(pageB);

  await contextB.setOffline(true);
  await deviceB.quickAdd("Call the plumber");
  await deviceB.doneBox("Water the plants").check();
  await expect(pageB.getByTestId("sync-status")).toContainText("2 changes waiting");

  await deviceA.quickAdd("Book the dentist");
  await expect(deviceA.row("Book the dentist")).toBeVisible();

  await contextB.setOffline(false);
  await expect(pageB.getByTestId("sync-status")).toHaveCount(0, { timeout: 20_000 });
  // B pulls what A did; A hears of B's changes through the poke.
  await expect(deviceB.row("Book the dentist")).toBeVisible({ timeout: 20_000 });
  await expect(deviceA.row("Call the plumber")).toBeVisible({ timeout: 20_000 });
  await expect(deviceA.row("Water the plants")).toHaveCount(0);
  for (const device of [deviceA, deviceB]) {
    await expect(device.counts()).toHaveText("2 to do, 0 in progress, 1 done");
  }
  const open = await (await page.request.get("/api/tasks?status=todo")).json();
  expect(open.items.map((task: { description: string }) => task.description).sort()).toEqual([
    "Book the dentist",
    "Call the plumber",
  ]);
  const done = await (await page.request.get("/api/tasks?status=completed")).json();
  expect(done.items.map((task: { description: string }) => task.description)).toEqual([
    "Water the plants",
  ]);
  await contextB.close();
});

test("a move whose answer a reload cut off does not hold the card in place afterwards", async ({
  page,
}) => {
  const tasks = new TasksPage(page);
  const task = await tasks.createViaApi({ description: "Cut off" });
  await tasks.gotoBoard();
  await tasks.replicaReady();

  // The server takes the move, but its answer never reaches this page: it is reloaded first.
  let taken: () => void = () => undefined;
  const moveTaken = new Promise<void>((resolve) => {
    taken = resolve;
  });
  await page.route(`**/api/tasks/${task.taskId}**`, async (route) => {
    if (route.request().method() === "GET") return route.continue();
    await route.fetch();
    taken();
    // Held: the page goes away before it would hear the answer.
  });
  await tasks.dragWithKeyboard("Cut off", ["ArrowRight"]);
  await moveTaken;
  expect((await tasks.getViaApi(task.taskId)).status).toBe("in-progress");
  await page.unrouteAll({ behavior: "ignoreErrors" });
  const listening = liveUpdatesReady(page);
  await page.reload();
  // Live updates start at the first interaction (or 5 s after load).
  await page.keyboard.press("Shift");
  await listening;

  // Another device then finishes it: the board follows, not the old move's leftover.
  const current = await tasks.getViaApi(task.taskId);
  await tasks.updateViaApi(task.taskId, { version: current.version, status: "completed" });
  await expect(tasks.card("completed", task.taskId)).toBeVisible();
  await expect(tasks.card("in-progress", task.taskId)).toHaveCount(0);
});
