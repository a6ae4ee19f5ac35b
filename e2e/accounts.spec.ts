import { expect, test } from "@playwright/test";
import {
  newAccount,
  SignInPage,
  SignUpPage,
  signInFromAddress,
  signInViaApi,
  type TestAccount,
} from "./support/accounts";
import { workerAccountTest } from "./support/fixtures";

// Signing up is now a sign-up (strength check, hash, mail) and a sign-in (hash): two Argon2
// hashes per account, several accounts per test, on a machine shared with other runs.
test.describe.configure({ timeout: 60_000 });

test.describe("signed out", () => {
  test("sign up answers check your inbox, then signs in; sign out; sign in again", async ({
    page,
  }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    await expect(page).toHaveURL(/\/notes$/);
    await expect(page.getByRole("banner")).toContainText(account.displayName);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/\?signed-out=1$/);
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.submit(account.email.toUpperCase(), account.password);
    await expect(page.getByRole("heading", { name: "Notes" })).toBeVisible();
  });

  test("a wrong password and an unknown email get the same message", async ({ page }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    await page.context().clearCookies();

    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.submit(account.email, "not-the-password");
    await expect(signIn.status()).toHaveText("Wrong email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(account.email);

    await signIn.submit(`nobody-${account.email}`, "not-the-password");
    await expect(signIn.status()).toHaveText("Wrong email or password.");
  });

  test("a taken email gets the same answer as a new one (recovery.spec.ts: the owner's mail)", async ({
    page,
  }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    await page.context().clearCookies();

    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.submit({ ...account, email: `  ${account.email.toUpperCase()} ` });
    await expect(signUp.checkInbox()).toBeVisible();
    await expect(page.getByText("already exists")).toHaveCount(0);
  });

  test("bad input gets field errors", async ({ page }) => {
    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.submit({ email: "not-an-email", password: "short", displayName: "" });
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("repeated failures are rate limited, even with the right password", async ({ page }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    await page.context().clearCookies();

    for (let attempt = 0; attempt < 5; attempt++) {
      const { ok } = await signInViaApi(page.request, account.email, "wrong-password");
      expect(ok).toBe(false);
    }
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.submit(account.email, account.password);
    await expect(signIn.status()).toHaveText(/^Too many attempts, try again in \d+ minutes?\.$/);
  });

  test("wrong passwords sent from elsewhere do not lock out a device that signed in before", async ({
    page,
    baseURL,
  }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/\?signed-out=1$/);

    // Someone guesses the password from another address until the email is refused there.
    let refused = false;
    for (let guess = 0; guess < 10 && !refused; guess++) {
      const result = await signInFromAddress(baseURL ?? "", "127.0.0.3", {
        email: account.email,
        password: `guess-${guess}`,
      });
      expect(result.ok).toBe(false);
      refused = result.location.includes("too_many_attempts");
    }
    expect(refused).toBe(true);

    // The owner's browser, known from its earlier sign-in, still signs in.
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.submit(account.email, account.password);
    await expect(page.getByRole("heading", { name: "Notes" })).toBeVisible();
  });

  test("app pages send signed-out visitors to sign in, and back after", async ({ page }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    await page.context().clearCookies();

    await page.goto("/settings");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings/);
    await new SignInPage(page).submit(account.email, account.password);
    await expect(page).toHaveURL(/\/settings$/);
  });

  test("sign up works with the keyboard alone", async ({ page }) => {
    const account = newAccount();
    await page.goto("/signup");
    // The form streams in behind a loading boundary; a person focuses it once it is shown.
    const email = page.getByLabel("Email");
    await expect(email).toBeVisible();
    await email.focus();
    await expect(email).toBeFocused();
    await page.keyboard.type(account.email);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Display name (optional)")).toBeFocused();
    await page.keyboard.type(account.displayName);
    await page.keyboard.press("Tab");
    await page.keyboard.type(account.password);
    await page.keyboard.press("Enter");
    const next = page.getByRole("link", { name: "Continue to sign in" });
    await expect(next).toBeVisible();
    await next.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Email")).toBeVisible();
  });

  test("autocomplete attributes help password managers", async ({ page }) => {
    await page.goto("/signup");
    await expect(page.getByLabel("Email")).toHaveAttribute("autocomplete", "email");
    await expect(page.getByLabel("Password")).toHaveAttribute("autocomplete", "new-password");
    await page.goto("/signin");
    await expect(page.getByLabel("Password")).toHaveAttribute("autocomplete", "current-password");
  });
});

test.describe("sessions", () => {
  async function signedInTwice(browser: import("@playwright/test").Browser, account: TestAccount) {
    const first = await browser.newContext();
    const second = await browser.newContext();
    expect((await signInViaApi(first.request, account.email, account.password)).ok).toBe(true);
    expect((await signInViaApi(second.request, account.email, account.password)).ok).toBe(true);
    return { first, second };
  }

  test("changing the password signs out the other sessions, not this one", async ({
    browser,
    page,
  }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    const { first, second } = await signedInTwice(browser, account);

    const firstPage = await first.newPage();
    await firstPage.goto("/settings");
    const newPassword = `${account.password}-new`;
    await firstPage.getByLabel("Current password").fill(account.password);
    await firstPage.getByLabel("New password", { exact: true }).fill(newPassword);
    await firstPage.getByLabel("Repeat the new password").fill(newPassword);
    await firstPage.getByRole("button", { name: "Change password" }).click();
    await expect(
      firstPage.getByText("Password changed. Other sessions were signed out."),
    ).toBeVisible();

    const secondPage = await second.newPage();
    await secondPage.goto("/settings");
    await expect(secondPage).toHaveURL(/\/signin/);
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/signin/);

    expect((await signInViaApi(second.request, account.email, account.password)).ok).toBe(false);
    expect((await signInViaApi(second.request, account.email, newPassword)).ok).toBe(true);
    await first.close();
    await second.close();
  });

  test("signing out ends that session for good; the account's other sessions stay", async ({
    browser,
    page,
  }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    const other = await browser.newContext();
    expect((await signInViaApi(other.request, account.email, account.password)).ok).toBe(true);

    // A server action as the page sends it, kept to be replayed with the saved cookie.
    await page.goto("/settings");
    const action = page.waitForRequest(
      (request) => request.method() === "POST" && Boolean(request.headers()["next-action"]),
    );
    await page.getByLabel("Display name").fill("Before sign-out");
    await page.getByRole("button", { name: "Save name" }).click();
    const saved = await action;
    await expect(page.getByRole("status").filter({ hasText: "Display name saved." })).toBeVisible();
    const savedState = await page.context().storageState();

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/\?signed-out=1$/);

    const replay = await browser.newContext({ storageState: savedState });
    expect((await replay.request.get("/api/notes")).status()).toBe(401);
    const replayed = await replay.request.post(saved.url(), {
      headers: {
        "next-action": saved.headers()["next-action"] ?? "",
        "content-type": saved.headers()["content-type"] ?? "",
        accept: "text/x-component",
      },
      data: saved.postDataBuffer() ?? "",
      maxRedirects: 0,
    });
    expect(replayed.headers()["x-action-redirect"]).toMatch(/^\/signin/);
    const replayPage = await replay.newPage();
    await replayPage.goto("/settings");
    await expect(replayPage).toHaveURL(/\/signin/);

    expect((await other.request.get("/api/notes")).status()).toBe(200);
    await replay.close();
    await other.close();
  });

  test("a wrong current password changes nothing", async ({ page }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    await page.goto("/settings");
    await page.getByLabel("Current password").fill("not-it");
    await page.getByLabel("New password", { exact: true }).fill("another-password");
    await page.getByLabel("Repeat the new password").fill("another-password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That password is not right.").first()).toBeVisible();
    await page.context().clearCookies();
    expect((await signInViaApi(page.request, account.email, account.password)).ok).toBe(true);
  });

  test("sign out everywhere ends every session", async ({ browser, page }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    const { first, second } = await signedInTwice(browser, account);

    await page.goto("/settings");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin/);
    for (const context of [first, second]) {
      const other = await context.newPage();
      await other.goto("/settings");
      await expect(other).toHaveURL(/\/signin/);
      await context.close();
    }
  });

  test("deleting the account needs the password and then removes it", async ({ page }) => {
    const account = newAccount();
    await new SignUpPage(page).signUp(account);
    await page.goto("/settings");

    await page.getByLabel("Your password, to confirm").fill("wrong");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.getByText("That password is not right.").first()).toBeVisible();

    await page.getByLabel("Your password, to confirm").fill(account.password);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/\?signed-out=1&deleted=1$/);
    expect((await signInViaApi(page.request, account.email, account.password)).ok).toBe(false);
  });
});

test.describe("signed in", () => {
  workerAccountTest(
    "the header shows who is signed in; a new display name shows at once",
    async ({ page, workerAccount: { account } }) => {
      await page.goto("/settings");
      await expect(page.getByText(`Signed in as ${account.email}`)).toBeVisible();
      const name = `Renamed ${Date.now()}`;
      await page.getByLabel("Display name").fill(name);
      await page.getByRole("button", { name: "Save name" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: "Display name saved." }),
      ).toBeVisible();
      await expect(page.getByRole("banner")).toContainText(name);
    },
  );
});
