import { expect, type Locator, type Page } from "@playwright/test";

/** The notes pages as a person uses them. */
export class NotesPage {
  constructor(private readonly page: Page) {}

  /** A note that exists: New note, then a title (a note without one is never created). */
  async newNote(title = "A new note"): Promise<string> {
    await this.openNewNote();
    await this.title().fill(title);
    await expect(this.page).toHaveURL(/\/notes\/[0-9A-Z]{26}$/);
    await this.expectSaved();
    return this.page.url().split("/").pop() as string;
  }

  /** Opens the editor on a note that does not exist yet (nothing is created by opening it). */
  async openNewNote() {
    await this.page.goto("/notes");
    // Exact: a card of a note titled "A new note" is a link too.
    await this.page.getByRole("link", { name: "New note", exact: true }).click();
    await expect(this.page).toHaveURL(/\/notes\/new(#[0-9A-Z]{26})?$/);
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
    await this.page.getByRole("button", { name: "Search", exact: true }).click();
  }

  cards() {
    return this.page.getByRole("article");
  }

  /** The cards' titles, top to bottom: assert with toHaveText, which waits for the list. */
  cardTitles(): Locator {
    return this.cards().getByRole("heading");
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
