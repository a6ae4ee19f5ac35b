import { expect, type Locator, type Page } from "@playwright/test";

type Status = "todo" | "in-progress" | "completed";

export interface ApiTask {
  readonly taskId: string;
  readonly description: string;
  readonly status: Status;
  readonly version: number;
  readonly noteId: string | null;
}

/** The tasks pages (list, board, deleted) as a person uses them. */
export class TasksPage {
  constructor(private readonly page: Page) {}

  async gotoList(query = "") {
    await this.page.goto(`/tasks${query}`);
    await expect(this.page.getByRole("heading", { name: "Tasks", level: 1 })).toBeVisible();
  }

  async gotoBoard() {
    await this.page.goto("/tasks/board");
    await expect(this.column("todo")).toBeVisible();
  }

  async gotoDeleted() {
    await this.page.goto("/tasks/trash");
    await expect(this.page.getByRole("heading", { name: "Deleted tasks" })).toBeVisible();
  }

  /**
   * Waits until this browser holds a ready replica of the library (issue 13): the sync engine
   * sets its cookie then, and the task views draw from the replica from that moment.
   */
  async replicaReady() {
    await expect
      .poll(async () =>
        (await this.page.context().cookies()).some((cookie) => cookie.name === "jotboard-replica"),
      )
      .toBe(true);
  }

  /** The task id of a row of the list. */
  async rowId(description: string): Promise<string> {
    const id = await this.row(description).getAttribute("data-task-id");
    if (!id) throw new Error(`No task id on the row of ${description}.`);
    return id;
  }

  counts() {
    return this.page.getByTestId("task-counts");
  }

  async quickAdd(description: string) {
    await this.page.getByLabel("Add a task").fill(description);
    await this.page.getByLabel("Add a task").press("Enter");
    await expect(this.row(description)).toBeVisible();
  }

  rows() {
    return this.page.getByRole("list", { name: "Tasks" }).getByRole("listitem");
  }

  row(description: string) {
    return this.rows().filter({ hasText: description });
  }

  doneBox(description: string) {
    return this.page.getByRole("checkbox", { name: `Done: ${description}` });
  }

  editor(): Locator {
    return this.page.getByRole("form", { name: "Edit task" });
  }

  async openEditor(description: string) {
    await this.page.getByRole("button", { name: `Edit task: ${description}` }).click();
    await expect(this.editor()).toBeVisible();
  }

  /** Saves the open editor while the browser is offline: kept on the device, and said so. */
  async saveOffline() {
    await this.editor().getByRole("button", { name: "Save" }).click();
    await expect(this.page.getByText("Offline: saved on this device")).toBeVisible();
  }

  column(status: Status): Locator {
    return this.page.locator(`section[data-column="${status}"]`);
  }

  card(status: Status, taskId: string): Locator {
    return this.column(status).locator(`li[data-task-id="${taskId}"]`);
  }

  handle(description: string) {
    return this.page.getByRole("button", { name: `Move task: ${description}`, exact: true });
  }

  /** Press, move in steps (dnd-kit starts a drag after 5 px), wait until it shows there, release. */
  async dragWithMouse(description: string, taskId: string, to: Status) {
    const from = await this.handle(description).boundingBox();
    const target = await this.column(to).locator("ol").boundingBox();
    if (!from || !target) throw new Error("The card or the column is not on screen.");
    const mouse = this.page.mouse;
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await mouse.down();
    await mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
    await mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
    await expect(this.card(to, taskId)).toBeVisible();
    await mouse.up();
  }

  /**
   * dnd-kit's keyboard sensor: focus the handle, Space to lift, arrows to move, Space to drop.
   * Each key waits for its announcement, so the drop lands where the arrows took the card.
   */
  async dragWithKeyboard(description: string, keys: readonly string[]) {
    await this.handle(description).focus();
    await this.page.keyboard.press("Space");
    await expect(this.liveRegion()).toContainText(`Picked up task ${description}`);
    // "Picked up" is announced as the drag starts, but dnd-kit's keyboard sensor starts
    // listening for arrows only in a setTimeout(0) after that (KeyboardSensor.attach). A busy
    // renderer runs queued input before that timer, so an arrow sent at once was dropped.
    // Timers of equal delay run in the order they were set (HTML spec): once one set now has
    // fired, the sensor is listening.
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    for (const key of keys) {
      const before = (await this.liveRegion().textContent()) ?? "";
      await this.page.keyboard.press(key);
      await expect(this.liveRegion()).not.toHaveText(before);
    }
    await this.page.keyboard.press("Space");
    await expect(this.liveRegion()).toContainText(`Task ${description} dropped in`);
  }

  /** The task ids of a column, top to bottom. */
  async order(status: Status): Promise<string[]> {
    return this.column(status)
      .locator("li[data-task-id]")
      .evaluateAll((items) => items.map((item) => item.getAttribute("data-task-id") ?? ""));
  }

  /** dnd-kit's own announcements for screen readers. */
  liveRegion() {
    return this.page.locator('[id^="DndLiveRegion"]');
  }

  boardNotice() {
    return this.page.getByRole("status").filter({ hasText: /could not be moved/ });
  }

  /** Creates a task through the JSON API, as another device would. */
  async createViaApi(fields: Record<string, unknown>): Promise<ApiTask> {
    const response = await this.page.request.post("/api/tasks", { data: fields });
    expect(response.status()).toBe(201);
    return (await response.json()) as ApiTask;
  }

  /** A column's task ids as the server orders them. */
  async orderViaApi(status: Status): Promise<string[]> {
    const page = await (await this.page.request.get(`/api/tasks?status=${status}`)).json();
    return (page.items as ApiTask[]).map((task) => task.taskId);
  }

  /** Edits a task through the JSON API, as another device would. */
  async updateViaApi(taskId: string, patch: Record<string, unknown>): Promise<ApiTask> {
    const response = await this.page.request.patch(`/api/tasks/${taskId}`, { data: patch });
    expect(response.status()).toBe(200);
    return (await response.json()) as ApiTask;
  }

  /** Trashes a task and deletes it for good through the JSON API, as another device would. */
  async deleteForeverViaApi(taskId: string) {
    expect((await this.page.request.delete(`/api/tasks/${taskId}`)).status()).toBe(200);
    const gone = await this.page.request.delete(`/api/tasks/${taskId}?permanent=1`);
    expect(gone.status()).toBe(204);
  }

  async getViaApi(taskId: string): Promise<ApiTask> {
    const response = await this.page.request.get(`/api/tasks/${taskId}`);
    expect(response.status()).toBe(200);
    return (await response.json()) as ApiTask;
  }
}

/** The page has nothing wider than the screen (the board's columns stack on phones). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}
