import { expect } from "@playwright/test";
import { ownAccountTest as test } from "./support/fixtures";
import { NotesPage } from "./support/notes";

test("Undo after Move to trash puts the card back in place at once, with a clean URL", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  const older = await notes.createViaApi({ title: "Older neighbour" });
  const binned = await notes.createViaApi({ title: "Binned then kept" });
  await notes.createViaApi({ title: "Newer neighbour" });
  await page.goto("/notes");
  // The load event can come before React reveals the streamed list: wait for the cards.
  const before = ["Newer neighbour", "Binned then kept", "Older neighbour"];
  await expect(notes.cardTitles()).toHaveText(before);

  await page.goto(`/notes/${binned.noteId}`);
  await page.getByRole("button", { name: "Move to trash" }).click();
  const banner = page.getByRole("status").filter({ hasText: "Note moved to the trash." });
  await expect(banner).toBeVisible();
  await expect(notes.cards()).toHaveCount(2);

  await banner.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Note restored.")).toBeVisible();
  await expect(notes.cardTitles()).toHaveText(before);
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);
  await expect(page).toHaveURL(/\/notes$/);

  await page.reload();
  await expect(notes.cards()).toHaveCount(3);
  await expect(page.getByText("Note moved to the trash.")).toHaveCount(0);
  expect(older.noteId).toBeTruthy();
});

test("a stale ?trashed= link offers no Undo for a note that is not in the trash", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  const live = await notes.createViaApi({ title: "Never binned" });
  await page.goto(`/notes?trashed=${live.noteId}`);
  await expect(notes.cards()).toHaveCount(1);
  await expect(page.getByText("Note moved to the trash.")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);
});

test("tags: #idea drops the #, Backspace in the empty field removes the tag just added", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  await notes.addTag("#Work");
  await notes.addTag("#idea");
  await expect(page.getByText("Tags cannot contain")).toHaveCount(0);
  await expect(page.getByLabel("Tags")).toHaveValue("");
  // Chips stay in the order typed, so the one just added sits next to the field.
  await expect(notes.tagRemovers()).toHaveCount(2);
  expect(await notes.tagNames()).toEqual(["work", "idea"]);
  // Autosave follows a pause in typing: wait for the server's copy, not the label.
  const storedTags = async () =>
    (await (await page.request.get(`/api/notes/${noteId}`)).json()).tags;
  await expect.poll(storedTags).toEqual(["idea", "work"]);

  await page.getByLabel("Tags").press("Backspace");
  await expect(notes.tagRemovers()).toHaveCount(1);
  expect(await notes.tagNames()).toEqual(["work"]);
  await expect.poll(storedTags).toEqual(["work"]);
});

test("searching #work finds the notes tagged work, not the ones that only say it", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  await notes.createViaApi({ title: "Quarterly plan", tags: ["work"] });
  await notes.createViaApi({ title: "Diary", content: "Too much work today" });
  await notes.createViaApi({ title: "Holiday", tags: ["home"] });

  await notes.search("#work");
  await expect(notes.cards()).toHaveCount(1);
  await expect(notes.cards().first()).toContainText("Quarterly plan");
  await expect(page.getByText("tagged #work")).toBeVisible();

  await notes.search("#WORK quarterly");
  await expect(notes.cards()).toHaveCount(1);
  await notes.search("#work diary");
  await expect(page.getByText("No notes match.")).toBeVisible();
  const api = await (await page.request.get("/api/notes?q=%23work")).json();
  expect(api.items.map((note: { title: string }) => note.title)).toEqual(["Quarterly plan"]);
});

test("server search: a first visit's ?q= and the API match title, text and tags in any case", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  await notes.createViaApi({ title: "Meeting NOTES", content: "agenda" });
  await notes.createViaApi({ title: "Plain", content: "The quarterly MEETING went fine" });
  await notes.createViaApi({ title: "Tagged", content: "nothing to see", tags: ["meetings"] });
  await notes.createViaApi({ title: "Elsewhere", content: "no match" });

  // A first visit has no replica yet: the server answers the ?q= page.
  await page.goto("/notes?q=meeting");
  await expect(notes.cardTitles()).toHaveText(["Tagged", "Plain", "Meeting NOTES"]);

  // The API pages the same matches with an opaque cursor, bodies never in the cards.
  const first = await (await page.request.get("/api/notes?q=MEETING&limit=2")).json();
  expect(first.items.map((note: { title: string }) => note.title)).toEqual(["Tagged", "Plain"]);
  expect(first.items[0]).not.toHaveProperty("content");
  expect(first.items[0]).not.toHaveProperty("searchText");
  const cursor = encodeURIComponent(first.nextCursor);
  const second = await (
    await page.request.get(`/api/notes?q=MEETING&limit=2&cursor=${cursor}`)
  ).json();
  expect(second.items.map((note: { title: string }) => note.title)).toEqual(["Meeting NOTES"]);
  expect(second.nextCursor).toBeUndefined();
});

test("note cards show a plain-text excerpt: no table pipes or markdown marks", async ({ page }) => {
  const notes = new NotesPage(page);
  await notes.createViaApi({
    title: "Budget",
    content: [
      "## Costs",
      "",
      "| Item | Price |",
      "| ---- | ----: |",
      "| **Rent** | 900 |",
      "| [Food](https://example.com) | 300 |",
    ].join("\n"),
  });
  await page.goto("/notes");
  const excerpt = notes.cards().first().getByRole("paragraph");
  await expect(excerpt).toHaveText("Costs Item Price Rent 900 Food 300");
});

test("a refused upload shows its reason and no empty progress bar", async ({ page }) => {
  const notes = new NotesPage(page);
  await notes.newNote();
  await page.getByLabel("Choose files").setInputFiles([
    { name: "setup.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") },
    { name: "page.html", mimeType: "text/html", buffer: Buffer.from("<p>hi</p>") },
    {
      name: "huge.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.alloc(25 * 1024 * 1024 + 1),
    },
  ]);
  await expect(page.getByText("This type of file cannot be attached")).toHaveCount(2);
  await expect(page.getByText("Files are limited to 25 MB.")).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
});
