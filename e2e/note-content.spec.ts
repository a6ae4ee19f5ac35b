import { expect, type Page } from "@playwright/test";
import { workerAccountTest as test } from "./support/fixtures";
import { NotesPage } from "./support/notes";
import { TasksPage } from "./support/tasks";

// A real 1x1 PNG, so the browser can decode it.
const pngBase64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** CSP violations, as the page itself reports them. */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** The editor's Preview tab; clicks again until the page has hydrated and switched. */
async function openPreview(page: Page) {
  const tab = page.getByRole("tab", { name: "preview" });
  await expect(async () => {
    await tab.click();
    await expect(tab).toHaveAttribute("aria-selected", "true", { timeout: 1_000 });
  }).toPass();
}

/** Runs a change in the editor and waits until the server has acknowledged its save. */
async function savedAfter(page: Page, change: () => Promise<void>) {
  const saved = page.waitForResponse(
    (response) =>
      /\/api\/notes\/[0-9A-Z]{26}$/.test(response.url()) &&
      response.request().method() === "PATCH" &&
      response.ok(),
  );
  await change();
  await saved;
  await new NotesPage(page).expectSaved();
}

async function naturalWidth(page: Page, name: string) {
  return page.getByRole("img", { name }).evaluate((image: HTMLImageElement) => image.naturalWidth);
}

test("paste an image (or drop a file) into the text: attached, referenced, shown in the preview", async ({
  page,
}) => {
  const violations = await watchViolations(page);
  const notes = new NotesPage(page);
  await notes.newNote();
  await notes.content().fill("Before\n");
  await notes.content().evaluate((textarea: HTMLTextAreaElement, base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], "pasted.png", { type: "image/png" }));
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    textarea.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, pngBase64);

  await expect(notes.content()).toHaveValue(
    /^Before\n!\[pasted\.png\]\(attachment:[0-9A-Z]{26}\)$/,
  );
  await expect(page.getByRole("link", { name: "pasted.png" })).toBeVisible();

  // A file dropped on the text is attached too; anything but an image becomes a link.
  await notes.content().evaluate((textarea: HTMLTextAreaElement) => {
    const data = new DataTransfer();
    data.items.add(new File(["%PDF-1.4\n%%EOF\n"], "plan.pdf", { type: "application/pdf" }));
    textarea.dispatchEvent(
      new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(notes.content()).toHaveValue(/(^|[^!])\[plan\.pdf\]\(attachment:[0-9A-Z]{26}\)/);
  await expect(notes.content()).toHaveValue(/!\[pasted\.png\]\(attachment:[0-9A-Z]{26}\)/);
  await expect(page.getByRole("link", { name: "plan.pdf" })).toBeVisible();
  await notes.expectSaved();

  await page.reload();
  await openPreview(page);
  await expect.poll(() => naturalWidth(page, "pasted.png")).toBeGreaterThan(0);
  expect(violations).toEqual([]);
});

test("a remote image shows a placeholder and loads nothing until I choose to see it", async ({
  page,
  context,
}) => {
  const violations = await watchViolations(page);
  const requests: { referer?: string }[] = [];
  await context.route("https://images.example.test/**", (route) => {
    requests.push({ referer: route.request().headers().referer });
    return route.fulfill({ contentType: "image/png", body: Buffer.from(pngBase64, "base64") });
  });
  const notes = new NotesPage(page);
  const noteId = await notes.newNote();
  await notes.content().fill("Look: ![tracker](https://images.example.test/pixel.png)");
  await notes.expectSaved();
  await openPreview(page);
  await expect(
    page.getByText("Remote image not loaded: tracker (images.example.test)"),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: "tracker" })).toHaveCount(0);
  expect(requests).toEqual([]);
  expect(violations).toEqual([]);

  // The choice is saved with the note; the page comes back under a CSP that allows them.
  await page.getByRole("button", { name: "Show remote images" }).click();
  await expect(page).toHaveURL(`/notes/${noteId}?images=remote`);
  await openPreview(page);
  await expect.poll(() => naturalWidth(page, "tracker")).toBeGreaterThan(0);
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.every((request) => request.referer === undefined)).toBe(true);
  expect(violations).toEqual([]);

  // Kept for the note: opening it again shows them, hiding them is saved too.
  await page.goto(`/notes/${noteId}`);
  await expect(page).toHaveURL(`/notes/${noteId}?images=remote`);
  await openPreview(page);
  await savedAfter(page, () => page.getByRole("button", { name: "Hide remote images" }).click());
  await expect(
    page.getByText("Remote image not loaded: tracker (images.example.test)"),
  ).toBeVisible();
  const saved = await (await page.request.get(`/api/notes/${noteId}`)).json();
  expect(saved.remoteImages).toBe(false);
});

test("tick a checklist box in the preview: that line changes and stays after a reload", async ({
  page,
}) => {
  const notes = new NotesPage(page);
  await notes.newNote();
  await notes.content().fill("- [ ] first\n- [ ] same\n- [ ] same");
  await notes.expectSaved();
  await openPreview(page);
  await savedAfter(page, () => page.getByRole("checkbox", { name: "same" }).nth(1).check());

  await page.reload();
  await expect(notes.content()).toHaveValue("- [ ] first\n- [ ] same\n- [x] same");
  await openPreview(page);
  await expect(page.getByRole("checkbox", { name: "same" }).nth(1)).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "same" }).first()).not.toBeChecked();
});

test("a checklist line and the task made from it tick each other", async ({ page }) => {
  const notes = new NotesPage(page);
  const tasks = new TasksPage(page);
  const noteId = await notes.newNote();
  await notes.content().fill("# Trip\n\n- [ ] book the train");
  await notes.expectSaved();
  await page.reload();
  await page.getByRole("button", { name: "Make a task: book the train" }).click();
  await expect(page.getByText("Task made")).toBeVisible();

  // Completing the task on the tasks page ticks the line.
  await tasks.gotoList();
  await tasks.doneBox("book the train").check();
  await expect(page.getByText("Completed “book the train”.")).toBeVisible();
  await page.goto(`/notes/${noteId}`);
  await expect(notes.content()).toHaveValue("# Trip\n\n- [x] book the train");

  // Unticking the line reopens the task; ticking it completes it again.
  await openPreview(page);
  await savedAfter(page, () => page.getByRole("checkbox", { name: "book the train" }).uncheck());
  await tasks.gotoList();
  await expect(tasks.doneBox("book the train")).not.toBeChecked();

  await page.goto(`/notes/${noteId}`);
  await openPreview(page);
  await savedAfter(page, () => page.getByRole("checkbox", { name: "book the train" }).check());
  await tasks.gotoList("?status=completed");
  await expect(tasks.doneBox("book the train")).toBeChecked();
});
