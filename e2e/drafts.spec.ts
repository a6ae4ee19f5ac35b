import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { ownAccountTest as test } from "./support/fixtures";
import { NotesPage } from "./support/notes";

async function storedNote(api: APIRequestContext, noteId: string) {
  return (await api.get(`/api/notes/${noteId}`)).json();
}

async function storedNotes(page: Page): Promise<{ noteId: string; title: string }[]> {
  return (await (await page.request.get("/api/notes")).json()).items;
}

for (const away of ["All notes", "Tasks"]) {
  test(`words typed just before clicking ${away} reach the server`, async ({ page }) => {
    const notes = new NotesPage(page);
    const noteId = await notes.newNote();
    await notes.expectSaved();
    const text = `typed then left for ${away}`;
    // No wait between typing and leaving: well inside the autosave delay.
    await notes.content().fill(text);
    await page.getByRole("link", { name: away, exact: true }).first().click();
    await expect(page).not.toHaveURL(new RegExp(noteId));
    await expect.poll(async () => (await storedNote(page.request, noteId)).content).toBe(text);
  });
}

// Closing without unload handlers is a crash or a killed tab: only the device's draft is left.
// With them, the page also sends the change on its way out, and the next start sends it again.
for (const runBeforeUnload of [false, true]) {
  test(`words typed just before the tab closes are shown and saved exactly once on the next start (${runBeforeUnload ? "page hidden" : "crash"})`, async ({
    page,
    context,
  }) => {
    // A sign-up, a new note, a closed tab and three page loads: on a loaded machine the default
    // 30 s ran out while the last save was still being checked (each step passed).
    test.slow();
    const notes = new NotesPage(page);
    const noteId = await notes.newNote();
    const before = await storedNote(page.request, noteId);
    await notes.content().fill("typed, then the tab closed");
    await page.close({ runBeforeUnload });
    if (runBeforeUnload) {
      // Sent on pagehide, before the app is opened again.
      await expect
        .poll(async () => (await storedNote(context.request, noteId)).content)
        .toBe("typed, then the tab closed");
    }

    // The app starts on the list: drafts of any note go out, not only the open one's.
    const again = await context.newPage();
    await again.goto("/notes");
    await expect
      .poll(async () => (await storedNote(again.request, noteId)).content)
      .toBe("typed, then the tab closed");
    await again.goto(`/notes/${noteId}`);
    const reopened = new NotesPage(again);
    await expect(reopened.content()).toHaveValue("typed, then the tab closed");
    await reopened.expectSaved();
    await expect
      .poll(async () => (await storedNote(again.request, noteId)).content)
      .toBe("typed, then the tab closed");
    // One save applied, however many times the change was sent.
    expect((await storedNote(again.request, noteId)).version).toBe(before.version + 1);
  });
}

// Under load the autosave can start just before the tab closes and still be on its way (writing
// the device's draft, or waiting for an answer the page's end cuts off): the change sent on the
// way out must not wait behind it, or it never starts.
test("words whose autosave is still on its way when the tab closes reach the server", async ({
  page,
  context,
}) => {
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  const before = await storedNote(page.request, noteId);
  const noteUrl = `**/api/notes/${noteId}`;
  let autosaveSent: () => void = () => undefined;
  const autosaving = new Promise<void>((resolve) => {
    autosaveSent = resolve;
  });
  // The autosave's request is held: it never reaches the server, and never gets an answer.
  // What the page sends on its way out goes through.
  let held = false;
  await context.route(noteUrl, (route) => {
    if (route.request().method() !== "PATCH" || held) return route.fallback();
    held = true;
    autosaveSent();
  });
  await notes.content().fill("typed, sent, then the tab closed");
  await autosaving;
  await page.close({ runBeforeUnload: true });
  await expect
    .poll(async () => (await storedNote(context.request, noteId)).content)
    .toBe("typed, sent, then the tab closed");
  expect((await storedNote(context.request, noteId)).version).toBe(before.version + 1);
});

test("a kept draft meets a newer version as a conflict to choose, never a silent overwrite", async ({
  page,
  context,
}) => {
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  const before = await storedNote(page.request, noteId);
  // Typed without a connection, so only the device has it, then the tab is gone.
  await context.setOffline(true);
  await notes.content().fill("mine, typed offline");
  await expect(page.locator("[data-save-state]")).toHaveAttribute("data-save-state", "offline");
  await page.close();
  await context.setOffline(false);
  // Meanwhile another device saved a newer version.
  const theirs = await context.request.patch(`/api/notes/${noteId}`, {
    data: { version: before.version, content: "theirs, from the phone" },
  });
  expect(theirs.status()).toBe(200);

  const again = await context.newPage();
  await again.goto(`/notes/${noteId}`);
  await expect(
    again.getByRole("alert").filter({ hasText: "This note changed elsewhere" }),
  ).toBeVisible();
  await expect(new NotesPage(again).content()).toHaveValue("mine, typed offline");
  expect((await storedNote(again.request, noteId)).content).toBe("theirs, from the phone");

  await again.getByRole("button", { name: "Keep mine" }).click();
  await new NotesPage(again).expectSaved();
  expect(await storedNote(again.request, noteId)).toMatchObject({
    content: "mine, typed offline",
    version: before.version + 2,
  });
});

test("a reload keeps unsent words without asking to leave the page", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  await notes.expectSaved();
  await notes.content().fill("still here after a reload");
  await page.reload();
  await expect(notes.content()).toHaveValue("still here after a reload");
  await notes.expectSaved();
  expect((await storedNote(page.request, noteId)).content).toBe("still here after a reload");
  expect(dialogs).toEqual([]);
});

test("New note creates nothing until it has a title, and the title has the focus", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  await notes.openNewNote();
  await expect(notes.title()).toBeFocused();
  await page.getByRole("link", { name: "All notes" }).click();
  await expect(page).toHaveURL(/\/notes$/);
  await expect(page.getByText("No notes yet.")).toBeVisible();

  await notes.openNewNote();
  await expect(notes.title()).toBeFocused();
  await page.keyboard.type("Shopping");
  await expect(page).toHaveURL(/\/notes\/[0-9A-Z]{26}$/);
  await notes.expectSaved();
  const noteId = page.url().split("/").pop();
  expect((await storedNotes(page)).map((note) => [note.noteId, note.title])).toEqual([
    [noteId, "Shopping"],
  ]);
});

test("the new-note shortcut leaves nothing behind; a share is created once", async ({ page }) => {
  await page.goto("/notes/new");
  await expect(new NotesPage(page).title()).toBeFocused();
  await page.goto("/notes");
  expect(await storedNotes(page)).toEqual([]);

  await page.goto(
    `/notes/new?${new URLSearchParams({ title: "Shared link", text: "worth reading", url: "https://example.com/a" })}`,
  );
  const notes = new NotesPage(page);
  await expect(notes.content()).toHaveValue("worth reading\n\nhttps://example.com/a");
  await expect(page).toHaveURL(/\/notes\/[0-9A-Z]{26}$/);
  await notes.expectSaved();
  await page.reload();
  await expect(notes.title()).toHaveValue("Shared link");
  expect((await storedNotes(page)).map((note) => note.title)).toEqual(["Shared link"]);
});

test("a file attached to a new note creates the note first", async ({ page }) => {
  const notes = new NotesPage(page);
  await notes.openNewNote();
  await page
    .getByLabel("Choose files")
    .setInputFiles([
      { name: "first.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 new") },
    ]);
  await expect(page.getByRole("link", { name: "first.pdf" })).toBeVisible();
  await expect(page).toHaveURL(/\/notes\/[0-9A-Z]{26}$/);
  const noteId = page.url().split("/").pop() as string;
  expect((await storedNote(page.request, noteId)).attachments).toHaveLength(1);
  expect(await storedNotes(page)).toHaveLength(1);
});
