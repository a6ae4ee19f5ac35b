import { expect } from "@playwright/test";
import { ownAccountTest as test } from "./support/fixtures";
import { NotesPage } from "./support/notes";
import { TasksPage } from "./support/tasks";

test("change a task's status in the editor", async ({ page }) => {
  const tasks = new TasksPage(page);
  const task = await tasks.createViaApi({ description: "Paint the fence" });
  await tasks.gotoList();
  await tasks.openEditor("Paint the fence");
  const editor = page.getByRole("form", { name: "Edit task" });
  await expect(editor.getByLabel("Status")).toHaveValue("todo");
  await editor.getByLabel("Status").selectOption("in-progress");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor.getByText("Saved.")).toBeVisible();
  await expect(tasks.row("Paint the fence")).toContainText("In progress");
  expect((await tasks.getViaApi(task.taskId)).status).toBe("in-progress");
  await expect(tasks.counts()).toHaveText("0 to do, 1 in progress, 0 done");
});

test("Undo after completing puts the task back in its status and place", async ({ page }) => {
  const tasks = new TasksPage(page);
  const first = await tasks.createViaApi({ description: "First errand" });
  const middle = await tasks.createViaApi({ description: "Middle errand" });
  const last = await tasks.createViaApi({ description: "Last errand" });
  const started = await tasks.createViaApi({
    description: "Started errand",
    status: "in-progress",
  });
  await tasks.gotoList();

  await tasks.doneBox("Middle errand").check();
  const notice = page.getByRole("status").filter({ hasText: "Completed “Middle errand”." });
  await expect(notice).toBeVisible();
  await expect(tasks.counts()).toHaveText("2 to do, 1 in progress, 1 done");
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "“Middle errand” is back" }),
  ).toBeVisible();
  await expect(tasks.doneBox("Middle errand")).not.toBeChecked();
  await expect(tasks.counts()).toHaveText("3 to do, 1 in progress, 0 done");
  expect(await tasks.orderViaApi("todo")).toEqual([first.taskId, middle.taskId, last.taskId]);

  await tasks.doneBox("Started errand").check();
  await expect(page.getByText("Completed “Started errand”.")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("“Started errand” is back")).toBeVisible();
  expect((await tasks.getViaApi(started.taskId)).status).toBe("in-progress");
  await expect(tasks.counts()).toHaveText("3 to do, 1 in progress, 0 done");
});

test("filters apply as soon as they change, without an Apply button", async ({ page }) => {
  const tasks = new TasksPage(page);
  await tasks.createViaApi({ description: "Open one" });
  await tasks.createViaApi({ description: "Busy one", status: "in-progress" });
  await tasks.gotoList();
  await expect(page.getByRole("button", { name: "Apply" })).toBeHidden();
  await page.getByLabel("Status").selectOption("in-progress");
  await expect(page).toHaveURL(/status=in-progress/);
  await expect(tasks.rows()).toHaveCount(1);
  await page.getByLabel("Sort by").selectOption("priority");
  await expect(page).toHaveURL(/sort=priority/);
  await expect(page).toHaveURL(/status=in-progress/);
});

test("filters still work without JavaScript, with an Apply button", async ({ page, browser }) => {
  const tasks = new TasksPage(page);
  await tasks.createViaApi({ description: "Open one" });
  await tasks.createViaApi({ description: "Busy one", status: "in-progress" });
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await noScript.newPage();
  await plain.goto("/tasks");
  await plain.getByLabel("Status").selectOption("in-progress");
  await plain.getByRole("button", { name: "Apply" }).click();
  await expect(plain).toHaveURL(/status=in-progress/);
  await expect(plain.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(1);
  await noScript.close();
});

test("the linked-note picker searches notes as I type, by keyboard", async ({ page }) => {
  const notes = new NotesPage(page);
  await notes.createViaApi({ title: "Garden plans" });
  const budget = await notes.createViaApi({ title: "Household budget" });
  await notes.createViaApi({ title: "Unrelated secret diary" });
  const tasks = new TasksPage(page);
  await tasks.createViaApi({ description: "Pay the bills" });

  // The page does not carry every note's title.
  const html = await (await page.request.get("/tasks")).text();
  expect(html).not.toContain("Unrelated secret diary");

  await tasks.gotoList();
  await tasks.openEditor("Pay the bills");
  const picker = page.getByRole("combobox", { name: "Linked note" });
  await picker.fill("budg");
  const options = page.getByRole("listbox", { name: "Linked note" }).getByRole("option");
  await expect(options).toHaveText(["Household budget"]);
  await picker.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await picker.press("Enter");
  await expect(picker).toHaveValue("Household budget");
  await expect(options).toHaveCount(0);
  await page.getByRole("form", { name: "Edit task" }).getByRole("button", { name: "Save" }).click();
  await expect(tasks.row("Pay the bills")).toContainText("Note: Household budget");
  // The row shows the change at once, from the device; the server has it once it is sent.
  await expect
    .poll(async () => (await (await page.request.get("/api/tasks")).json()).items[0]?.noteId)
    .toBe(budget.noteId);

  await page.reload();
  await tasks.openEditor("Pay the bills");
  await expect(picker).toHaveValue("Household budget");
  await picker.fill("");
  await page.getByRole("form", { name: "Edit task" }).getByRole("button", { name: "Save" }).click();
  await expect(tasks.row("Pay the bills")).not.toContainText("Note:");
});
