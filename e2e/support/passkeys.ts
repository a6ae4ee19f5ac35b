import { type BrowserContext, expect, type Page } from "@playwright/test";

/**
 * Chromium's DevTools virtual authenticator: a platform authenticator ("internal") that keeps
 * discoverable credentials and verifies its user, as a laptop's fingerprint reader would.
 * It belongs to the page it was added to and survives that page's navigations.
 */
export async function addVirtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return {
    /** The credentials the authenticator holds (removing one in the app leaves it here). */
    async credentials() {
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      return credentials;
    },
  };
}

/** The Passkeys section of the settings page. */
export class PasskeySettings {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings");
  }

  section() {
    return this.page.getByRole("region", { name: "Passkeys" });
  }

  list() {
    return this.section().getByRole("list", { name: "Your passkeys" });
  }

  item(name: string) {
    return this.list().getByRole("listitem").filter({ hasText: name });
  }

  async add(name: string) {
    await this.section().getByLabel("Name (optional)").fill(name);
    await this.section().getByRole("button", { name: "Add a passkey" }).click();
    await expect(this.section().getByRole("status").first()).toHaveText(`Passkey “${name}” added.`);
  }

  async remove(name: string) {
    const item = this.item(name);
    await item.getByRole("button", { name: `Remove passkey “${name}”` }).click();
    await item.getByRole("button", { name: "Yes, remove it" }).click();
  }
}

/** The sign-in page's passkey button. */
export async function signInWithPasskey(page: Page) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
}
