import { expect } from "@playwright/test";
import { deviceRecords } from "./support/device-data";
import { ownAccountTest, workerAccountTest as test } from "./support/fixtures";
import { NotesPage } from "./support/notes";
import { Palette } from "./support/palette";
import { TasksPage } from "./support/tasks";

test("Ctrl+K opens the palette and the keyboard alone reaches a note", async ({ page }) => {
  // Two notes through the API and a whole replica on the device before the first key.
  test.slow();
  const notes = new NotesPage(page);
  const palette = new Palette(page);
  const word = `Quokka${Date.now()}`;
  await notes.createViaApi({ title: `${word} first`, content: "One" });
  const { noteId } = await notes.createViaApi({ title: `${word} second`, content: "Two" });
  await page.goto("/notes");
  // Notes and tasks are found on the device: its replica holds them.
  await new TasksPage(page).replicaReady();

  await palette.open();
  await expect(palette.input()).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.type(word.slice(0, -3));
  await palette.arrowTo(`${word} second`);
  await expect(palette.announcement()).toHaveText(/2 notes and tasks/);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/notes/${noteId}$`));
  await expect(notes.title()).toHaveValue(`${word} second`);
  await expect(palette.dialog()).toBeHidden();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the header's search button opens the palette, and a tap reaches a note", async ({
    page,
  }) => {
    test.slow();
    const notes = new NotesPage(page);
    const palette = new Palette(page);
    const word = `Wombat${Date.now()}`;
    const { noteId } = await notes.createViaApi({ title: `${word} note`, content: "Tapped" });
    await page.goto("/notes");
    await new TasksPage(page).replicaReady();

    await palette.button().tap();
    await expect(palette.input()).toBeFocused();
    await page.keyboard.type(word);
    await palette.option(`${word} note`).tap();

    await expect(page).toHaveURL(new RegExp(`/notes/${noteId}$`));
    await expect(palette.dialog()).toBeHidden();
  });
});

test("Ctrl+K opens from a field, and Escape gives focus back there", async ({ page }) => {
  const palette = new Palette(page);
  await page.goto("/notes");
  const search = page.getByLabel("Search notes");
  await search.focus();
  await palette.open();
  await page.keyboard.press("Escape");
  await expect(palette.dialog()).toBeHidden();
  await expect(search).toBeFocused();
});

test("the palette runs a command", async ({ page }) => {
  const palette = new Palette(page);
  await page.goto("/notes");
  await palette.open();
  await page.keyboard.type("board");
  await palette.arrowTo("Go to board");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tasks\/board$/);
  await expect(palette.dialog()).toBeHidden();
});

test("New task from the palette focuses the quick add", async ({ page }) => {
  const palette = new Palette(page);
  await page.goto("/tasks");
  await palette.open();
  await page.keyboard.type("new task");
  await palette.arrowTo("New task");
  await page.keyboard.press("Enter");
  await expect(palette.dialog()).toBeHidden();
  await expect(page.getByLabel("Add a task")).toBeFocused();
});

test("? lists every shortcut", async ({ page }) => {
  const palette = new Palette(page);
  await page.goto("/tasks");
  await palette.press("?");
  const dialog = palette.shortcutsDialog();
  await expect(dialog).toBeVisible();
  for (const description of [
    "Open the command palette",
    "Search",
    "New note",
    "New task",
    "Go to notes",
    "Go to tasks",
    "Go to the board",
    "Show keyboard shortcuts",
  ]) {
    await expect(dialog.getByText(description, { exact: false }).first()).toBeVisible();
  }
  // While it is open, shortcuts wait.
  await page.keyboard.press("g");
  await page.keyboard.press("n");
  await expect(page).toHaveURL(/\/tasks$/);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("g t, g b and g n navigate", async ({ page }) => {
  const palette = new Palette(page);
  await page.goto("/notes");
  await palette.press("g", "t");
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole("heading", { name: "Tasks", level: 1 })).toBeVisible();

  await palette.press("g", "b");
  await expect(page).toHaveURL(/\/tasks\/board$/);

  await palette.press("g", "n");
  await expect(page).toHaveURL(/\/notes$/);
});

test("n opens a new note", async ({ page }) => {
  const palette = new Palette(page);
  await page.goto("/tasks/board");
  await palette.press("n");
  await expect(page).toHaveURL(/\/notes\/new(#[0-9A-Z]{26})?$/);
  await expect(new NotesPage(page).title()).toBeVisible();
});

test("t opens the task list with its quick add focused", async ({ page }) => {
  const palette = new Palette(page);
  await page.goto("/notes");
  await palette.press("t");
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByLabel("Add a task")).toBeFocused();
});

test("shortcuts do nothing while a field has focus", async ({ page }) => {
  const palette = new Palette(page);
  const notes = new NotesPage(page);
  await notes.openNewNote();
  await palette.keysLive();
  await notes.content().click();
  await page.keyboard.type("g t n ?");
  // Every key reached the field (a shortcut would have taken its key) and the page stayed.
  await expect(notes.content()).toHaveValue("g t n ?");
  await expect(notes.content()).toBeFocused();
  await expect(page).toHaveURL(/\/notes\/(new|[0-9A-Z]{26})/);
  await expect(palette.shortcutsDialog()).toBeHidden();

  // `/` types a slash in a field, and focuses the search box from the page.
  await page.goto("/notes");
  await palette.press("/");
  await expect(page.getByLabel("Search notes")).toBeFocused();
  await page.keyboard.type("g/n");
  await expect(page.getByLabel("Search notes")).toHaveValue("g/n");
  await expect(page).toHaveURL(/\/notes$/);
});

ownAccountTest(
  "Sign out from the palette ends the session and wipes the device",
  async ({ page }) => {
    const palette = new Palette(page);
    await page.goto("/notes");
    await new TasksPage(page).replicaReady();
    await expect.poll(() => deviceRecords(page)).not.toEqual({});

    await palette.open();
    await page.keyboard.type("sign out");
    await palette.arrowTo("Sign out");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/\?signed-out=1$/);
    await expect.poll(() => deviceRecords(page)).toEqual({});
    await page.goto("/notes");
    await expect(page).toHaveURL(/\/signin/);
  },
);
