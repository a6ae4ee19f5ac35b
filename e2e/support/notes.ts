import { expect, type Page } from "@playwright/test";

/** The notes pages as a person uses them. */
export class NotesPage {
  constructor(private readonly page: Page) {}

  async newNote(): Promise<string> {
    await this.page.goto("/notes");
    await this.page.getByRole("button", { name: "New note" }).click();
    await expect(this.page).toHaveURL(/\/notes\/[0-9A-Z]{26}$/);
    return this.page.url().split("/").pop() as string;
  }

  title() {
    return this.page.getByLabel("Title");
  }

  content() {
    return this.page.getByLabel("Content (markdown)");
  }

  saveState() {
    return this.page
      .getByRole("status")
      .filter({ has: this.page.locator("[data-save-state]") })
      .or(this.page.locator("[data-save-state]"));
  }

  async expectSaved() {
    await expect(this.page.locator("[data-save-state]")).toHaveAttribute(
      "data-save-state",
      "saved",
    );
  }

  async addTag(tag: string) {
    await this.page.getByLabel("Tags").fill(tag);
    await this.page.getByLabel("Tags").press("Enter");
  }

  async search(words: string) {
    await this.page.goto("/notes");
    await this.page.getByLabel("Search notes").fill(words);
    await this.page.getByRole("button", { name: "Search" }).click();
  }

  cards() {
    return this.page.getByRole("article");
  }

  /** The titles of the list's cards, top to bottom. */
  async cardTitles(): Promise<string[]> {
    return this.cards().getByRole("heading").allTextContents();
  }

  tagRemovers() {
    return this.page.getByRole("button", { name: /^Remove tag / });
  }

  /** The note's tags as the editor shows them, in order. */
  async tagNames(): Promise<string[]> {
    const labels = await this.tagRemovers().evaluateAll((buttons) =>
      buttons.map((button) => button.getAttribute("aria-label") ?? ""),
    );
    return labels.map((label) => label.replace(/^Remove tag /, ""));
  }

  /** Creates a note through the JSON API, as another device would. */
  async createViaApi(fields: {
    title?: string;
    content?: string;
    tags?: string[];
  }): Promise<{ noteId: string; version: number }> {
    const response = await this.page.request.post("/api/notes", { data: fields });
    expect(response.status()).toBe(201);
    return response.json();
  }
}
