import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { newAccount, signUpViaApi } from "./support/accounts";
import { storedObjectKeys } from "./support/cloud";
import { ownAccountTest as test } from "./support/fixtures";
import { NotesPage } from "./support/notes";

// A real 1x1 PNG and a small PDF, so the browser can decode the thumbnail.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const pdf = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

test("write a markdown note, pin and tag it, find it by tag and by search", async ({ page }) => {
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  const word = `Groceries${Date.now()}`;
  await notes.title().fill(`${word} list`);
  await notes
    .content()
    .fill("# Shopping\n\n**Fresh** things, see [the shop](https://example.com).\n\n- [ ] milk");
  await notes.addTag("Errands");
  await page.getByRole("button", { name: "Pin" }).click();
  await notes.expectSaved();

  await page.getByRole("tab", { name: "preview" }).click();
  await expect(page.getByRole("heading", { name: "Shopping", level: 1 })).toBeVisible();
  const link = page.getByRole("link", { name: "the shop" });
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(link).toHaveAttribute("target", "_blank");

  await page.reload();
  await expect(notes.title()).toHaveValue(`${word} list`);
  await expect(page.getByRole("button", { name: "Pinned" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByText("#errands")).toBeVisible();

  await page.goto("/notes");
  await expect(notes.cards().first()).toContainText("Pinned");
  await notes.cards().first().getByRole("link", { name: "#errands" }).click();
  await expect(page).toHaveURL(/tag=errands/);
  await expect(notes.cards()).toHaveCount(1);

  await notes.search(word.toUpperCase());
  await expect(notes.cards()).toHaveCount(1);
  await expect(
    notes
      .cards()
      .first()
      .getByRole("link", { name: `${word} list` }),
  ).toHaveAttribute("href", `/notes/${noteId}`);
  await notes.search("nothing-matches-this");
  await expect(page.getByText("No notes match.")).toBeVisible();
});

test("Ctrl+S saves at once and the note keeps its text after a reload", async ({ page }) => {
  const notes = new NotesPage(page);
  await notes.newNote();
  await notes.content().fill("typed then saved");
  await notes.content().press("ControlOrMeta+s");
  await notes.expectSaved();
  await page.reload();
  await expect(notes.content()).toHaveValue("typed then saved");
});

test("an edit made elsewhere is shown as a conflict, never overwritten silently", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  await notes.content().fill("mine, first");
  await notes.expectSaved();

  // Another device saves a newer version.
  const current = await (await page.request.get(`/api/notes/${noteId}`)).json();
  const other = await page.request.patch(`/api/notes/${noteId}`, {
    data: { version: current.version, content: "theirs, from the phone" },
  });
  expect(other.status()).toBe(200);

  await notes.content().fill("mine, second");
  await expect(
    page.getByRole("alert").filter({ hasText: "This note changed elsewhere" }),
  ).toBeVisible();
  await expect(page.getByText("theirs, from the phone")).toBeVisible();
  const stored = await (await page.request.get(`/api/notes/${noteId}`)).json();
  expect(stored.content).toBe("theirs, from the phone");

  await page.getByRole("button", { name: "Keep mine" }).click();
  await notes.expectSaved();
  expect((await (await page.request.get(`/api/notes/${noteId}`)).json()).content).toBe(
    "mine, second",
  );
});

test("attach an image and a PDF: thumbnail, download the same bytes, remove", async ({ page }) => {
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  await page.getByLabel("Choose files").setInputFiles([
    { name: "pixel.png", mimeType: "image/png", buffer: png },
    { name: "report.pdf", mimeType: "application/pdf", buffer: pdf },
  ]);
  await expect(page.getByRole("link", { name: "pixel.png" })).toBeVisible();
  await expect(page.getByRole("link", { name: "report.pdf" })).toBeVisible();
  expect(await storedObjectKeys(noteId)).toHaveLength(2);

  const thumbnail = page.locator('img[src*="inline=1"]');
  await expect(thumbnail).toHaveJSProperty("naturalWidth", 1);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "report.pdf" }).click();
  const download = await downloading;
  expect(readFileSync(await download.path()).equals(pdf)).toBe(true);

  await page.reload();
  await page.getByRole("button", { name: "Remove pixel.png" }).click();
  await expect(page.getByRole("link", { name: "pixel.png" })).toHaveCount(0);
  expect((await storedObjectKeys(noteId)).map((key) => key.split("/").pop())).toEqual([
    "report.pdf",
  ]);
});

test("a file of a refused type never reaches storage", async ({ page }) => {
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  await page.getByLabel("Choose files").setInputFiles([
    {
      name: "page.html",
      mimeType: "text/html",
      buffer: Buffer.from("<script>alert(1)</script>"),
    },
  ]);
  await expect(page.getByText("This type of file cannot be attached")).toBeVisible();
  expect(await storedObjectKeys(noteId)).toEqual([]);
});

test("a stored XSS payload does not run", async ({ page }) => {
  const notes = new NotesPage(page);
  await notes.newNote();
  const payloads = [
    "<img src=x onerror=\"window.__xss='img'\">",
    "<script>window.__xss='script'</script>",
    "[click me](javascript:window.__xss='link')",
    '<a href="javascript:window.__xss=1">raw link</a>',
    "<svg onload=\"window.__xss='svg'\"></svg>",
  ];
  await notes.title().fill("<script>window.__xss='title'</script>");
  await notes.content().fill(payloads.join("\n\n"));
  await notes.addTag("<b>x</b>");
  await notes.expectSaved();
  await page.getByRole("tab", { name: "preview" }).click();
  const clickMe = page.getByText("click me");
  await expect(clickMe).toBeVisible();
  expect((await clickMe.getAttribute("href")) ?? "").not.toMatch(/javascript:/i);
  await clickMe.click({ force: true });
  await page.goto("/notes");
  await expect(page.getByRole("article").first()).toContainText("<script>");
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: string }).__xss),
  ).toBeUndefined();
  expect(await page.locator("[onerror], [onload]").count()).toBe(0);
});

test("trash with undo, restore from the trash, delete for good removes the file from S3", async ({
  page,
}) => {
  page.on("dialog", (dialog) => dialog.accept());
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  const title = `Binned ${Date.now()}`;
  await notes.title().fill(title);
  await page
    .getByLabel("Choose files")
    .setInputFiles([{ name: "keep.pdf", mimeType: "application/pdf", buffer: pdf }]);
  await expect(page.getByRole("link", { name: "keep.pdf" })).toBeVisible();
  await notes.expectSaved();

  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByText("Note moved to the trash.")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Note restored.")).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  await page.goto(`/notes/${noteId}`);
  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByText("Note moved to the trash.")).toBeVisible();
  await page.goto("/notes/trash");
  await expect(page.getByText(title)).toBeVisible();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("The trash is empty.")).toBeVisible();
  await page.goto("/notes");
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  await page.goto(`/notes/${noteId}`);
  await page.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByText("Note moved to the trash.")).toBeVisible();
  await page.goto("/notes/trash");
  expect(await storedObjectKeys(noteId)).toHaveLength(1);
  await page.getByRole("button", { name: "Delete for good" }).click();
  await expect(page.getByText("The trash is empty.")).toBeVisible();
  expect(await storedObjectKeys(noteId)).toEqual([]);
  expect((await page.request.get(`/api/notes/${noteId}?trash=1`)).status()).toBe(404);
});

test("empty the trash: every note goes for good, with progress", async ({ page }) => {
  page.on("dialog", (dialog) => dialog.accept());
  for (const title of ["first binned", "second binned"]) {
    const note = await (await page.request.post("/api/notes", { data: { title } })).json();
    const trashed = await page.request.delete(`/api/notes/${note.noteId}`, { data: {} });
    expect(trashed.status()).toBe(200);
  }
  await page.goto("/notes/trash");
  await expect(page.getByText("second binned")).toBeVisible();
  await page.getByRole("button", { name: "Empty trash" }).click();
  await expect(page.getByText("The trash is empty.")).toBeVisible();
  const trash = await (await page.request.get("/api/notes?trash=1")).json();
  expect(trash.items).toEqual([]);
});

test("another user's note is not found, in the page and the API", async ({ page, browser }) => {
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  const intruder = await browser.newContext();
  const intruderPage = await intruder.newPage();
  await signUpViaApi(intruder.request, newAccount("intruder"));
  // Exactly what a note that never existed looks like: no way to tell the two apart.
  const nobody = await intruderPage.goto("/notes/01ARZ3NDEKTSV4RRFFQ69G5FAV");
  await expect(intruderPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const response = await intruderPage.goto(`/notes/${noteId}`);
  expect(response?.status()).toBe(nobody?.status());
  await expect(intruderPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(intruderPage.getByLabel("Title")).toHaveCount(0);
  expect((await intruderPage.request.get(`/api/notes/${noteId}`)).status()).toBe(404);
  expect(
    (
      await intruderPage.request.patch(`/api/notes/${noteId}`, {
        data: { version: 1, title: "pwned" },
      })
    ).status(),
  ).toBe(404);
  await intruder.close();
  await page.reload();
  await expect(notes.title()).toHaveValue("A new note");
});
