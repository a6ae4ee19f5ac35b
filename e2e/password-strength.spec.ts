import { expect, test } from "@playwright/test";
import { newAccount } from "./support/accounts";
import { ownAccountTest } from "./support/fixtures";

// Issue 15 §6: a guessable password is refused beside its field, with what to do instead.

test("sign-up refuses a common password with advice, then accepts a passphrase", async ({
  page,
}) => {
  const account = newAccount("strength");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  const password = page.getByLabel("Password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(
    /This is a commonly used password\. Add another word or two that are less common/,
  );

  await password.fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Accepted: the same answer as for any sign-up (issue 15 §2), never a signed-in page.
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
});

ownAccountTest(
  "changing the password refuses one built on the person's email",
  async ({ page, ownAccount: { account } }) => {
    await page.goto("/settings");
    const weak = `${account.email.split("@")[0]}1`;
    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password", { exact: true }).fill(weak);
    await page.getByLabel("Repeat the new password").fill(weak);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByLabel("New password", { exact: true })).toHaveAccessibleDescription(
      /Leave out your name, your email/,
    );
    await expect(page).toHaveURL(/\/settings$/);
  },
);
