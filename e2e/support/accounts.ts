import { randomUUID } from "node:crypto";
import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from "node:http";
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

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

function rawRequest(
  url: URL,
  init: { method: string; localAddress: string; headers: OutgoingHttpHeaders; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: init.method, headers: init.headers, localAddress: init.localAddress },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on("error", reject);
    request.end(init.body);
  });
}

/**
 * `signInViaApi` from another loopback address (127.0.0.2, .3…), so a test can spend that
 * address's sign-in allowance without touching the one every other test signs in from.
 * `headers` go with both requests (forged forwarding headers, say). Returns the redirect.
 */
export async function signInFromAddress(
  baseURL: string,
  localAddress: string,
  credentials: { email: string; password: string },
  headers: OutgoingHttpHeaders = {},
): Promise<{ ok: boolean; location: string }> {
  const origin = new URL(baseURL);
  origin.hostname = "127.0.0.1";
  const csrf = await rawRequest(new URL("/api/auth/csrf", origin), {
    method: "GET",
    localAddress,
    headers,
  });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const response = await rawRequest(new URL("/api/auth/callback/credentials", origin), {
    method: "POST",
    localAddress,
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, ...credentials }).toString(),
  });
  const location = decodeURIComponent(String(response.headers.location ?? ""));
  return { ok: response.status === 302 && !location.includes("error="), location };
}
