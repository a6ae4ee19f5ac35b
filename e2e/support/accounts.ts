import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";

export interface TestAccount {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

export function newAccount(label = "user"): TestAccount {
  const id = randomUUID().slice(0, 8);
  return {
    email: `${label}-${id}@example.test`,
    password: `pw-${randomUUID()}`,
    displayName: `${label} ${id}`,
  };
}

/** The sign-up page as a person uses it. */
export class SignUpPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/signup");
  }

  async submit(account: TestAccount) {
    await this.page.getByLabel("Email").fill(account.email);
    await this.page.getByLabel("Display name (optional)").fill(account.displayName);
    await this.page.getByLabel("Password").fill(account.password);
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  async signUp(account: TestAccount) {
    await this.goto();
    await this.submit(account);
    await expect(this.page.getByRole("link", { name: /Account settings/ })).toBeVisible();
  }
}

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(
      callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin",
    );
  }

  async submit(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  status() {
    return this.page.getByRole("status");
  }
}

/**
 * Signs in without the UI, as Auth.js's own clients do: fetch a CSRF token, then post the
 * credentials. The request context keeps the session cookie. Returns the final status.
 */
export async function signInViaApi(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
  const location = response.headers().location ?? "";
  return { ok: response.status() === 302 && !location.includes("error="), location };
}

/** Where the setup project leaves the shared signed-in account. */
export const storageStatePath = "test-results/.auth/user.json";
export const accountPath = "test-results/.auth/user-account.json";
