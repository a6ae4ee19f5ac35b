import { expect, test } from "@playwright/test";
import { newAccount, SignUpPage, signInViaApi, signUpViaApi } from "./support/accounts";
import { DevMailbox, plantExpiredResetLink, RecoveryPages } from "./support/mailbox";

/** Issue 15 §1–4 through the dev mailbox: what people do with the mails the app sends. */

// Each flow signs up and in (two Argon2 hashes), follows mails and signs in again: on a busy
// shared machine that outlasts the default 30 s without anything being wrong.
test.describe.configure({ timeout: 90_000 });

test("sign up, then the mailed link confirms the address and the banner goes", async ({
  page,
  context,
}) => {
  const account = newAccount("verify");
  await new SignUpPage(page).signUp(account);
  const recovery = new RecoveryPages(page);
  await expect(recovery.verifyBanner()).toBeVisible();

  const link = await new DevMailbox(await context.newPage()).link(
    account.email,
    /confirm your email address/,
  );
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Email address confirmed" })).toBeVisible();
  await page.goto("/notes");
  await expect(page.getByRole("heading", { name: "Notes" })).toBeVisible();
  await expect(recovery.verifyBanner()).toHaveCount(0);

  await page.goto(link);
  await expect(
    page.getByRole("heading", { name: "This confirmation link cannot be used" }),
  ).toBeVisible();
});

test("sign-up with a taken email looks the same, changes nothing and mails the owner", async ({
  browser,
  page,
}) => {
  const owner = newAccount("owner");
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.submit(owner);
  await expect(signUp.checkInbox()).toBeVisible();
  const answerToNew = await page.getByRole("main").textContent();

  const stranger = await browser.newContext();
  try {
    const strangerPage = await stranger.newPage();
    const strangerSignUp = new SignUpPage(strangerPage);
    await strangerSignUp.goto();
    await strangerSignUp.submit({ ...owner, password: `other-${owner.password}` });
    await expect(strangerSignUp.checkInbox()).toBeVisible();
    expect(await strangerPage.getByRole("main").textContent()).toBe(answerToNew);
    expect(new URL(strangerPage.url()).pathname).toBe(new URL(page.url()).pathname);
    // The stranger's password opens nothing; the owner's still works.
    expect((await signInViaApi(stranger.request, owner.email, `other-${owner.password}`)).ok).toBe(
      false,
    );
  } finally {
    await stranger.close();
  }
  expect((await signInViaApi(page.request, owner.email, owner.password)).ok).toBe(true);

  const mailbox = new DevMailbox(await page.context().newPage());
  const notice = await mailbox.mail(owner.email, /someone tried to sign up/);
  await expect(notice.getByRole("link")).toHaveAttribute("href", /\/reset-password\?token=/);
});

test("forgot password: the mailed link sets a new one, signs this device in and every other session out; it works once", async ({
  browser,
  page,
}) => {
  const account = newAccount("reset");
  const old = await browser.newContext();
  try {
    await signUpViaApi(old.request, account);
    const oldPage = await old.newPage();
    await oldPage.goto("/notes");
    await expect(oldPage.getByRole("heading", { name: "Notes" })).toBeVisible();

    const recovery = new RecoveryPages(page);
    await recovery.askForReset(account.email);
    const mailbox = new DevMailbox(await page.context().newPage());
    const link = await mailbox.link(account.email, /reset your password/);
    await page.goto(link);
    await recovery.setNewPassword("password");
    // Shown beside the field and in the form status.
    await expect(page.getByText(/passphrase of four random words/).first()).toBeVisible();
    const fresh = `new-${account.password}`;
    await recovery.setNewPassword(fresh);
    await expect(page).toHaveURL(/\/settings\?changed=password$/);
    await expect(page.getByText("Password changed. Other sessions were signed out.")).toBeVisible();

    await oldPage.goto("/notes");
    await expect(oldPage).toHaveURL(/\/signin/);

    await page.goto(link);
    await expect(recovery.refusedReset()).toBeVisible();
    expect((await signInViaApi(old.request, account.email, fresh)).ok).toBe(true);
  } finally {
    await old.close();
  }
});

test("an expired reset link is refused with a clear page", async ({ page, browser }) => {
  const account = newAccount("expired");
  const other = await browser.newContext();
  try {
    await signUpViaApi(other.request, account);
  } finally {
    await other.close();
  }
  await page.goto(await plantExpiredResetLink(account.email));
  const recovery = new RecoveryPages(page);
  await expect(recovery.refusedReset()).toBeVisible();
  await expect(page.getByText(/more than 30 minutes old/)).toBeVisible();
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
});

test("a reset asked for an unknown address answers the same and mails that address", async ({
  page,
}) => {
  const nobody = newAccount("nobody");
  await new RecoveryPages(page).askForReset(nobody.email);
  const mailbox = new DevMailbox(await page.context().newPage());
  await expect(await mailbox.mail(nobody.email, /password reset requested/)).toContainText(
    "no account uses it",
  );
});

test("change of email, confirmed from the new address, then back again", async ({
  page,
  browser,
}) => {
  const account = newAccount("move");
  await signUpViaApi(page.context().request, account);
  const recovery = new RecoveryPages(page);
  const mailbox = new DevMailbox(await page.context().newPage());
  const moved = newAccount("moved").email;

  for (const [from, to] of [
    [account.email, moved],
    [moved, account.email],
  ] as const) {
    await recovery.askForEmailChange(to, account.password);
    await page.goto(await mailbox.link(to, /confirm your new email address/));
    await expect(page.getByRole("heading", { name: "Email address changed" })).toBeVisible();
    await page.goto("/settings");
    await expect(page.getByText(`Signed in as ${to}`)).toBeVisible();
    await expect(await mailbox.mail(from, /your email address was changed/)).toContainText(to);
    // Sign-in follows the address: the new one opens the account, the old one nothing.
    const probe = await browser.newContext();
    try {
      expect((await signInViaApi(probe.request, from, account.password)).ok).toBe(false);
      expect((await signInViaApi(probe.request, to, account.password)).ok).toBe(true);
    } finally {
      await probe.close();
    }
  }
});
