import { expect, test } from "@playwright/test";
import { newAccount, SignUpPage } from "./support/accounts";
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
