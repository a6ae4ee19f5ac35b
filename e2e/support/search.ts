import type { Page } from "@playwright/test";

/** The notes page's search box and its results drawn on the device (issue 14 §1). */
export class NoteSearchBox {
  constructor(private readonly page: Page) {}

  box() {
    return this.page.getByLabel("Search notes");
  }

  /** Types like a person, key by key (no Enter). */
  async type(text: string) {
    await this.box().fill("");
    await this.box().pressSequentially(text);
  }

  results() {
    return this.page.getByRole("list", { name: "Search results" }).getByRole("listitem");
  }

  /** The announced count ("2 results", "No notes or tasks match."). */
  count() {
    return this.page.locator("#note-search-results").getByRole("status");
  }

  marks() {
    return this.results().locator("mark");
  }
}
