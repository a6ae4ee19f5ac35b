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

  /** The one answer to every sign-up, new address or taken (issue 15 §2). */
  checkInbox() {
    return this.page.getByRole("heading", { name: "Check your inbox" });
  }

  /**
   * Signs up and in, as a new person does: the answer says "check your inbox" and signs nobody
   * in; the new account signs in with its password at once (its email still unconfirmed).
   */
  async signUp(account: TestAccount) {
    await this.goto();
    await this.submit(account);
    // The answer waits for the strength check, an Argon2 hash and a mail; the server's first
    // sign-up also builds the strength estimator's dictionaries. On a shared machine under load
    // that alone has taken over 10 s.
    await expect(this.checkInbox()).toBeVisible({ timeout: 30_000 });
    await this.page.getByRole("link", { name: "Continue to sign in" }).click();
    await new SignInPage(this.page).submit(account.email, account.password);
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
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
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

const entities: Record<string, string> = {
  quot: '"',
  amp: "&",
  lt: "<",
  gt: ">",
  "#x27": "'",
  "#39": "'",
};

/** The hidden fields of the sign-up form: the server action's reference, as Next renders it. */
function hiddenFields(html: string): Record<string, string> {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)]
    .map(([markup]) => markup)
    .find((markup) => markup.includes('name="password"'));
  if (!form) throw new Error("The sign-up page has no sign-up form.");
  const fields: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (!name || !/\btype="hidden"/.test(input)) continue;
    const value = /\bvalue="([^"]*)"/.exec(input)?.[1] ?? "";
    fields[name] = value.replace(
      /&(quot|amp|lt|gt|#x27|#39);/g,
      (_, entity: string) => entities[entity] ?? "",
    );
  }
  return fields;
}

/**
 * Signs up and in without the browser: posts the sign-up form the way a browser without
 * JavaScript does (Next puts the server action's reference in hidden fields), so the account is
 * made by the same action as in the UI, rate limit included, then signs in through Auth.js. The
 * request context keeps the session cookie.
 */
export async function signUpViaApi(request: APIRequestContext, account: TestAccount) {
  const page = await request.get("/signup");
  expect(page.status()).toBe(200);
  const response = await request.post("/signup", {
    // A browser posting the form sends its Origin; Next warns about a server action without one.
    headers: { origin: new URL(page.url()).origin },
    multipart: {
      ...hiddenFields(await page.text()),
      email: account.email,
      displayName: account.displayName,
      password: account.password,
    },
    maxRedirects: 0,
  });
  // Answered "check your inbox" (a refusal renders the form again with a 200); the new account
  // then signs in with its password, as its owner does from that page.
  expect(response.status(), await response.text()).toBe(303);
  expect(response.headers().location).toMatch(/\/signup\/check-inbox/);
  const signedIn = await signInViaApi(request, account.email, account.password);
  expect(signedIn.ok, signedIn.location).toBe(true);
}

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
