import { expect, type Page } from "@playwright/test";

/** The command palette and the keyboard shortcuts as a person uses them. */
export class Palette {
  constructor(private readonly page: Page) {}

  /** Waits until the page listens to the keyboard (it has hydrated). */
  async keysLive() {
    await expect(this.page.locator("html")).toHaveAttribute("data-shortcuts", "on");
  }

  /** Presses keys one after the other, as a person types a shortcut. */
  async press(...keys: string[]) {
    await this.keysLive();
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** The header's button: the palette without a keyboard (a phone). */
  button() {
    return this.page.getByRole("button", { name: "Search and commands" });
  }

  dialog() {
    return this.page.getByRole("dialog", { name: "Command palette" });
  }

  input() {
    return this.dialog().getByRole("combobox", { name: "Find a note or task, or run a command" });
  }

  options() {
    return this.dialog().getByRole("option");
  }

  option(name: string | RegExp) {
    return this.dialog().getByRole("option", { name });
  }

  announcement() {
    return this.dialog().getByRole("status");
  }

  shortcutsDialog() {
    return this.page.getByRole("dialog", { name: "Keyboard shortcuts" });
  }

  async open() {
    await this.press("Control+k");
    await expect(this.input()).toBeFocused();
  }

  /** Arrow keys until the option is the active one (the listbox wraps around). */
  async arrowTo(name: string | RegExp) {
    const option = this.option(name);
    await expect(option).toBeVisible();
    // The options answer the query (results arrived): they stay put while we move.
    await expect(this.announcement()).not.toHaveText("");
    const id = (await option.getAttribute("id")) ?? "";
    const count = await this.options().count();
    for (let step = 0; step < count; step += 1) {
      const current = (await this.input().getAttribute("aria-activedescendant")) ?? "";
      if (current === id) break;
      await this.page.keyboard.press("ArrowDown");
      await expect(this.input()).not.toHaveAttribute("aria-activedescendant", current);
    }
    await expect(this.input()).toHaveAttribute("aria-activedescendant", id);
    await expect(option).toHaveAttribute("aria-selected", "true");
  }
}
