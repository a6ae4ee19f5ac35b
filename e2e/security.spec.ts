import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "@playwright/test";
import { newAccount, SignInPage, SignUpPage, signInFromAddress } from "./support/accounts";
import { test, workerAccountTest } from "./support/fixtures";
import { NotesPage } from "./support/notes";

test("pages carry a nonce-based CSP and the protective headers", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toContain("max-age=");

  // Every script Next sends carries this response's nonce; a second request gets another one.
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  const again = (await request.get("/")).headers()["content-security-policy"];
  expect(again).not.toContain(`'nonce-${nonce}'`);
});

test("the main pages run without a single CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/");
  await new SignUpPage(page).signUp(newAccount("csp"));
  const notes = new NotesPage(page);
  await notes.newNote();
  await notes.content().fill("**csp** check");
  await notes.expectSaved();
  await page.getByRole("tab", { name: "preview" }).click();
  await page
    .getByLabel("Choose files")
    .setInputFiles([{ name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("hello") }]);
  await expect(page.getByRole("link", { name: "a.txt" })).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  expect(violations).toEqual([]);
});

workerAccountTest(
  "signed-in pages and API answers are private and never stored",
  async ({ page }) => {
    const pageResponse = await page.goto("/notes");
    const pageCache = (await pageResponse?.allHeaders())?.["cache-control"] ?? "";
    expect(pageCache).toContain("private");
    expect(pageCache).toContain("no-store");
    for (const response of [
      await page.request.get("/api/notes"),
      await page.request.get("/api/tasks"),
      await page.request.post("/api/notes", { data: { title: "cached?" } }),
    ]) {
      expect(response.ok()).toBe(true);
      expect(response.headers()["cache-control"]).toBe("private, no-store");
    }
  },
);

workerAccountTest(
  "a page on another port of this host cannot create a note with the session cookie",
  async ({ page, baseURL }) => {
    const title = `forged-${Date.now()}`;
    // The attacker's page: same host, another port (same site, so the cookie goes along), and a
    // "simple" request (text/plain, no-cors) that needs no preflight.
    const attacker = createServer((_request, response) => {
      response.setHeader("content-type", "text/html");
      response.end(`<!doctype html><title>attacker</title><script>
      fetch(${JSON.stringify(`${baseURL}/api/notes`)}, {
        method: "POST", mode: "no-cors", credentials: "include",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ title: ${JSON.stringify(title)} }),
      }).finally(() => { document.title = "sent"; });
    </script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = attacker.address() as AddressInfo;
      await page.goto(`http://localhost:${port}/`);
      await expect(page).toHaveTitle("sent");
    } finally {
      attacker.close();
    }
    const notes = await (await page.request.get("/api/notes")).json();
    expect(JSON.stringify(notes)).not.toContain(title);
  },
);

// Each leaves the site once a browser has normalised it (tab dropped, dot segments, %2e).
const openRedirects = [
  "/\t/example.com",
  "/.//example.com",
  "/x/..//example.com",
  "/%2e//example.com",
];

test.describe("callback URLs", () => {
  workerAccountTest(
    "a signed-in visitor sent to sign in with a foreign callback stays on the site",
    async ({ page, baseURL }) => {
      for (const callbackUrl of openRedirects) {
        await new SignInPage(page).goto(callbackUrl);
        await expect(page).toHaveURL(/\/notes$/);
        expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
      }
    },
  );
});

test("signing in with a foreign callback lands on the site", async ({
  page,
  baseURL,
  workerAccount: { account },
}) => {
  const signIn = new SignInPage(page);
  await signIn.goto("/%2e//example.com");
  await signIn.submit(account.email, account.password);
  await expect(page).toHaveURL(/\/notes$/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
});

test("rotating X-Forwarded-For and X-Real-IP does not get around the per-address limit", async ({
  baseURL,
}) => {
  test.setTimeout(90_000);
  // Unknown emails (so no per-email limit applies), each from a "new" forged address. A
  // window can turn over mid-run, so allow up to twice the limit of 20 before the refusal.
  let refusedAfter: number | undefined;
  for (let attempt = 1; attempt <= 40 && refusedAfter === undefined; attempt++) {
    const forged = `203.0.113.${attempt}`;
    const result = await signInFromAddress(
      baseURL ?? "",
      "127.0.0.2",
      { email: `nobody-${attempt}-${Date.now()}@example.test`, password: "wrong-password" },
      { "x-forwarded-for": forged, "x-real-ip": forged },
    );
    expect(result.ok).toBe(false);
    if (result.location.includes("too_many_attempts")) refusedAfter = attempt;
  }
  expect(refusedAfter).toBeGreaterThan(20);
});
