import { expect, type Page } from "@playwright/test";
import { ownAccountTest as test } from "./support/fixtures";
import { TasksPage } from "./support/tasks";

// The board's first paint has no drag code: dnd-kit arrives on the first sign of intent
// (issue 13, weight). A press made before it arrives must still start the drag. Here every
// script fetched after the page loaded (the drag layer among them) is held until the press is
// made, so the press always comes first. No service worker: it could answer the fetch itself.
test.use({ serviceWorkers: "block" });

/** Holds every script request from now on until the returned function is called. */
async function holdLateScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/_next/static/chunks/**", async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test("a keyboard drag pressed before the drag layer arrives still moves the card", async ({
  page,
}) => {
  const tasks = new TasksPage(page);
  const task = await tasks.createViaApi({ description: "Early key" });
  await tasks.gotoBoard();
  await expect(page.locator('[data-drag-layer="on-intent"]')).toHaveCount(1);
  const release = await holdLateScripts(page);

  await tasks.handle("Early key").focus();
  await page.keyboard.press("Space");
  await expect(page.locator('[data-drag-layer="on-intent"]')).toHaveCount(1);
  release();
  await expect(tasks.liveRegion()).toContainText("Picked up task Early key");
  await expect(tasks.handle("Early key")).toBeFocused();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await page.keyboard.press("ArrowRight");
  await expect(tasks.liveRegion()).toContainText("is over");
  await page.keyboard.press("Space");
  await expect(tasks.liveRegion()).toContainText("Task Early key dropped in");
  await expect(tasks.card("in-progress", task.taskId)).toBeVisible();
  await expect.poll(async () => (await tasks.getViaApi(task.taskId)).status).toBe("in-progress");
});

test("a mouse drag begun before the drag layer arrives still moves the card", async ({ page }) => {
  const tasks = new TasksPage(page);
  const task = await tasks.createViaApi({ description: "Early mouse" });
  await tasks.gotoBoard();
  await expect(page.locator('[data-drag-layer="on-intent"]')).toHaveCount(1);
  const release = await holdLateScripts(page);

  const from = await tasks.handle("Early mouse").boundingBox();
  const target = await tasks.column("in-progress").locator("ol").boundingBox();
  if (!from || !target) throw new Error("The card or the column is not on screen.");
  const mouse = page.mouse;
  await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await mouse.down();
  await mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await expect(page.locator('[data-drag-layer="on-intent"]')).toHaveCount(1);
  release();
  await expect(tasks.card("in-progress", task.taskId)).toBeVisible();
  await mouse.up();
  await expect.poll(async () => (await tasks.getViaApi(task.taskId)).status).toBe("in-progress");
  await page.reload();
  await expect(tasks.card("in-progress", task.taskId)).toBeVisible();
});
