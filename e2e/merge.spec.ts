import type { Browser, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { signInViaApi } from "./support/accounts";
import { ownAccountTest as test } from "./support/fixtures";
import { NotesPage } from "./support/notes";
import { TasksPage } from "./support/tasks";

// Issue 13 §4: two devices of one person edit the same note or task at once. Edits that do not
// overlap both survive (a task per field, a note's text three ways); only overlapping edits
// still show the "keep mine / use theirs" choice.

const lines = ["line 1", "line 2", "line 3", "line 4", "line 5"];
const text = lines.join("\n");
const withLine = (at: number, line: string, from = lines) =>
  from.map((old, index) => (index === at ? line : old)).join("\n");

/** A second device of the same person: another browser context with its own sign-in. */
async function secondDevice(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  expect((await signInViaApi(context.request, email, password)).ok).toBe(true);
  return context.newPage();
}

test("A edits line 1 and B edits line 5 of one note at once: both survive on both", async ({
  page,
  browser,
  ownAccount,
}) => {
  test.slow();
  const deviceA = new NotesPage(page);
  const note = await deviceA.createViaApi({ title: "Plan", content: text });
  const pageB = await secondDevice(browser, ownAccount.account.email, ownAccount.account.password);
  const deviceB = new NotesPage(pageB);
  await page.goto(`/notes/${note.noteId}`);
  await pageB.goto(`/notes/${note.noteId}`);
  await expect(deviceA.content()).toHaveValue(text);
  await expect(deviceB.content()).toHaveValue(text);

  await Promise.all([
    deviceA.content().fill(withLine(0, "line 1, edited on A")),
    deviceB.content().fill(withLine(4, "line 5, edited on B")),
  ]);
  await Promise.all([deviceA.expectSaved(), deviceB.expectSaved()]);

  const merged = withLine(4, "line 5, edited on B", withLine(0, "line 1, edited on A").split("\n"));
  const stored = await (await page.request.get(`/api/notes/${note.noteId}`)).json();
  expect(stored.content).toBe(merged);
  // Whichever device merged shows it; the other shows it on its next opening.
  for (const device of [page, pageB]) {
    await device.reload();
    await expect(new NotesPage(device).content()).toHaveValue(merged);
  }
  await expect(page.getByRole("button", { name: "Keep mine" })).toHaveCount(0);
  await pageB.context().close();
});

test("a note saved after another device's edit merges in the editor, keeping every typed character", async ({
  page,
  browser,
  ownAccount,
}) => {
  test.slow();
  const deviceA = new NotesPage(page);
  const note = await deviceA.createViaApi({ title: "Plan", content: text });
  const pageB = await secondDevice(browser, ownAccount.account.email, ownAccount.account.password);
  const deviceB = new NotesPage(pageB);
  await pageB.goto(`/notes/${note.noteId}`);
  await expect(deviceB.content()).toHaveValue(text);

  // A saves first; B's editor still builds on the version before it. (B hears nothing of A's
  // save meanwhile: an open editor with no unsaved text follows a remote edit, and B's whole-text
  // fill below would then revert A's line instead of meeting it in a merge.)
  await pageB.context().setOffline(true);
  await page.goto(`/notes/${note.noteId}`);
  await deviceA.content().fill(withLine(0, "line 1, edited on A"));
  await deviceA.expectSaved();

  await deviceB.content().fill(withLine(4, "line 5, edited on B"));
  await pageB.context().setOffline(false);
  // Save now (Ctrl+S) and keep typing while the save meets A's version and merges.
  await deviceB.content().press("Control+s");
  await deviceB.content().pressSequentially(" and more", { delay: 20 });
  await deviceB.expectSaved();

  const merged = withLine(
    4,
    "line 5, edited on B and more",
    withLine(0, "line 1, edited on A").split("\n"),
  );
  await expect(deviceB.content()).toHaveValue(merged);
  await expect(pageB.getByRole("button", { name: "Keep mine" })).toHaveCount(0);
  const stored = await (await page.request.get(`/api/notes/${note.noteId}`)).json();
  expect(stored.content).toBe(merged);
  await pageB.context().close();
});

test("overlapping note edits still show the keep mine / use theirs choice", async ({
  page,
  browser,
  ownAccount,
}) => {
  test.slow();
  const deviceA = new NotesPage(page);
  const note = await deviceA.createViaApi({ title: "Plan", content: text });
  const pageB = await secondDevice(browser, ownAccount.account.email, ownAccount.account.password);
  const deviceB = new NotesPage(pageB);
  await pageB.goto(`/notes/${note.noteId}`);
  await expect(deviceB.content()).toHaveValue(text);

  await page.goto(`/notes/${note.noteId}`);
  await deviceA.content().fill(withLine(2, "line 3 as A wrote it"));
  await deviceA.expectSaved();

  await deviceB.content().fill(withLine(2, "line 3 as B wrote it"));
  const choice = pageB.getByRole("alert").filter({ hasText: "This note changed elsewhere" });
  await expect(pageB.locator("[data-save-state]")).toHaveAttribute("data-save-state", "conflict");
  await expect(choice).toContainText("line 3 as A wrote it");
  await expect(choice.getByRole("button", { name: "Keep mine" })).toBeVisible();
  await expect(deviceB.content()).toHaveValue(withLine(2, "line 3 as B wrote it"));
  // Nothing was merged or overwritten while the person has not chosen.
  const stored = await (await page.request.get(`/api/notes/${note.noteId}`)).json();
  expect(stored.content).toBe(withLine(2, "line 3 as A wrote it"));

  await choice.getByRole("button", { name: "Keep mine" }).click();
  await deviceB.expectSaved();
  const kept = await (await page.request.get(`/api/notes/${note.noteId}`)).json();
  expect(kept.content).toBe(withLine(2, "line 3 as B wrote it"));
  await pageB.context().close();
});

test("A changes a task's status while B changes its due date: both survive on both", async ({
  page,
  browser,
  ownAccount,
}) => {
  test.slow();
  const tasksA = new TasksPage(page);
  const task = await tasksA.createViaApi({ description: "Renew the passport" });
  const pageB = await secondDevice(browser, ownAccount.account.email, ownAccount.account.password);
  const tasksB = new TasksPage(pageB);
  // Both devices open the task as it is now (version 1).
  await tasksA.gotoList();
  await tasksA.openEditor("Renew the passport");
  await tasksB.gotoList();
  await tasksB.openEditor("Renew the passport");

  // B sets a due date and saves; A, whose editor still shows the task without one, marks it done.
  const editorB = tasksB.editor();
  await editorB.getByLabel("Due date").fill("2031-03-14");
  await editorB.getByRole("button", { name: "Save" }).click();
  await expect(editorB.getByText("Saved.")).toBeVisible();
  const editorA = tasksA.editor();
  await editorA.getByLabel("Status").selectOption("completed");
  await editorA.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("This task changed elsewhere")).toHaveCount(0);
  await expect.poll(async () => (await tasksA.getViaApi(task.taskId)).status).toBe("completed");
  expect(await tasksA.getViaApi(task.taskId)).toMatchObject({
    status: "completed",
    dueDate: "2031-03-14",
    version: task.version + 2,
  });

  // Each device then shows the task done, with the date.
  for (const tasks of [tasksA, tasksB]) {
    await tasks.gotoList("?status=completed");
    await expect(tasks.doneBox("Renew the passport")).toBeChecked();
    await tasks.openEditor("Renew the passport");
    await expect(tasks.editor().getByLabel("Due date")).toHaveValue("2031-03-14");
  }
  await pageB.context().close();
});
