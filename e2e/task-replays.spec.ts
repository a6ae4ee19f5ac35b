import { expect } from "@playwright/test";
import { ownAccountTest as test } from "./support/fixtures";
import { TasksPage } from "./support/tasks";

// A change made offline is replayed later; when the server then refuses it, or someone changed
// the task meanwhile, the person must hear of it rather than lose it silently.
test("a task edited offline and changed elsewhere meanwhile offers the choice on reconnect", async ({
  page,
  context,
}) => {
  const tasks = new TasksPage(page);
  const task = await tasks.createViaApi({ description: "Call the plumber" });
  await tasks.gotoList();
  await tasks.openEditor("Call the plumber");
  const editor = tasks.editor();

  await context.setOffline(true);
  await editor.getByLabel("Description").fill("Call the plumber about the boiler");
  await tasks.saveOffline();
  await editor.getByRole("button", { name: "Close" }).click();
  await expect(editor).toHaveCount(0);
  // Another device saves first (the API client is not the browser: offline does not stop it).
  await tasks.updateViaApi(task.taskId, { version: task.version, description: "Plumber: Tuesday" });

  await context.setOffline(false);
  const choice = page.getByRole("alert").filter({ hasText: "This task changed elsewhere" });
  await expect(choice).toBeVisible({ timeout: 20_000 });
  await expect(choice).toContainText("Plumber: Tuesday");
  await expect(editor.getByLabel("Description")).toHaveValue("Call the plumber about the boiler");
  await choice.getByRole("button", { name: "Keep mine" }).click();
  await expect(editor.getByText("Saved.")).toBeVisible();
  await expect(choice).toHaveCount(0);
  expect(await tasks.getViaApi(task.taskId)).toMatchObject({
    description: "Call the plumber about the boiler",
    version: task.version + 2,
  });
});

test("a task edit refused on replay is reported, not dropped silently", async ({
  page,
  context,
}) => {
  const tasks = new TasksPage(page);
  const task = await tasks.createViaApi({ description: "Water the plants" });
  await tasks.gotoList();
  await tasks.openEditor("Water the plants");
  const editor = tasks.editor();

  await context.setOffline(true);
  await editor.getByLabel("Priority").selectOption("high");
  await tasks.saveOffline();
  await tasks.deleteForeverViaApi(task.taskId);

  await context.setOffline(false);
  await expect(
    page.getByRole("status").filter({ hasText: "“Water the plants” was not saved" }),
  ).toContainText("This task does not exist.", { timeout: 20_000 });
  await expect(tasks.row("Water the plants")).toHaveCount(0);
});

test("a move made offline and refused on replay is reported on the board", async ({
  page,
  context,
}) => {
  const tasks = new TasksPage(page);
  const task = await tasks.createViaApi({ description: "Sweep the yard" });
  await tasks.gotoBoard();
  await expect(tasks.card("todo", task.taskId)).toBeVisible();

  await context.setOffline(true);
  await tasks.dragWithKeyboard("Sweep the yard", ["ArrowRight"]);
  await expect(tasks.card("in-progress", task.taskId)).toBeVisible();
  await expect(page.getByTestId("sync-status")).toContainText("1 change waiting");
  await tasks.deleteForeverViaApi(task.taskId);

  await context.setOffline(false);
  await expect(tasks.boardNotice()).toContainText("“Sweep the yard” could not be moved", {
    timeout: 20_000,
  });
  await expect(tasks.boardNotice()).toContainText("This task does not exist.");
  await expect(page.locator(`li[data-task-id="${task.taskId}"]`)).toHaveCount(0);
});
