import { expect, type Page } from "@playwright/test";
import { newAccount, signUpViaApi } from "./support/accounts";
import { workerAccountTest as test } from "./support/fixtures";
import { NotesPage } from "./support/notes";

function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" }).filter({ visible: true });
}

test("a signed-in person's not-found page keeps the app's navigation, with a 404", async ({
  page,
}) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Create account" })).toHaveCount(0);
  await expect(mainNav(page).getByRole("link", { name: "Notes" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Account settings/ })).toBeVisible();
});

test("an unknown or another user's note id answers 404 inside the app", async ({
  page,
  browser,
}) => {
  const notes = new NotesPage(page);
  const { noteId } = await notes.createViaApi({ title: "Mine only" });
  const intruder = await browser.newContext();
  const intruderPage = await intruder.newPage();
  await signUpViaApi(intruder.request, newAccount("intruder"));
  for (const path of [`/notes/${noteId}`, "/notes/01ARZ3NDEKTSV4RRFFQ69G5FAV", "/notes/nope"]) {
    const response = await intruderPage.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(intruderPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(intruderPage.getByText("Mine only")).toHaveCount(0);
    await expect(intruderPage.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  }
  for (const path of ["/tasks/nope", "/tasks/board/nope"]) {
    const response = await intruderPage.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(intruderPage.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  }
  await intruder.close();
});

/** The link the navigation marks as the current page, and that it looks different. */
async function expectCurrent(page: Page, label: string, others: readonly string[]) {
  const nav = mainNav(page);
  await expect(nav.getByRole("link", { name: label })).toHaveAttribute("aria-current", "page");
  const look = (name: string) =>
    nav.getByRole("link", { name }).evaluate((link) => {
      const style = getComputedStyle(link);
      return `${style.color}|${style.backgroundColor}|${style.fontWeight}|${style.boxShadow}|${style.textDecorationLine}`;
    });
  const current = await look(label);
  for (const other of others) {
    await expect(nav.getByRole("link", { name: other })).not.toHaveAttribute("aria-current");
    expect(await look(other)).not.toBe(current);
  }
}

test("the header marks the current section", async ({ page }) => {
  await page.goto("/notes");
  await expectCurrent(page, "Notes", ["Tasks"]);
  await page.goto("/tasks/board");
  await expectCurrent(page, "Tasks", ["Notes"]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the bottom navigation marks the current section", async ({ page }) => {
    await page.goto("/notes");
    await expectCurrent(page, "Notes", ["Tasks", "Settings"]);
    await page.goto("/settings");
    await expectCurrent(page, "Settings", ["Notes", "Tasks"]);
  });

  test("a long note title wraps instead of being cut", async ({ page }) => {
    const notes = new NotesPage(page);
    await notes.newNote();
    const title = "A rather long title for a note that cannot fit on one line of a phone";
    await notes.title().fill(title);
    await expect(notes.title()).toHaveValue(title);
    const fits = await notes
      .title()
      .evaluate(
        (field) =>
          field.scrollWidth <= field.clientWidth && field.scrollHeight <= field.clientHeight + 1,
      );
    expect(fits).toBe(true);
    const box = await notes.title().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(60);
    await notes.title().press("Enter");
    await expect(notes.title()).toHaveValue(title);
    await notes.expectSaved();
  });
});

test("a device without a replica prefetches no links while the page loads, and does once the person acts", async ({
  browser,
}) => {
  // A fresh device: no replica, so the links keep Next's prefetch, once the page has settled.
  const context = await browser.newContext();
  await signUpViaApi(context.request, newAccount("prefetch"));
  const page = await context.newPage();
  const prefetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("_rsc=")) prefetched.push(new URL(request.url()).pathname);
  });
  await page.goto("/notes");
  await expect(mainNav(page).getByRole("link", { name: "Tasks" })).toBeVisible();
  // Hydrated, and two idle periods later: what viewport prefetch would send has gone out.
  await page.evaluate(async () => {
    for (let round = 0; round < 2; round++)
      await new Promise((done) => requestIdleCallback(() => done(undefined)));
  });
  expect(prefetched).toEqual([]);

  await page.mouse.move(5, 300);
  await page.mouse.down();
  await page.mouse.up();
  await expect.poll(() => prefetched).toContain("/tasks");
  await context.close();
});
