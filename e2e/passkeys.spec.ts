import { expect } from "@playwright/test";
import { ownAccountTest as test } from "./support/fixtures";
import { addVirtualAuthenticator, PasskeySettings, signInWithPasskey } from "./support/passkeys";

// Issue 15 §5: a passkey added in settings signs in without email or password, shows in the
// list with its last use, and once removed no longer signs in, saying so.

test("add a passkey, sign in with it, see it listed, remove it: it no longer signs in", async ({
  page,
  context,
  ownAccount: { account },
}) => {
  test.slow();
  const authenticator = await addVirtualAuthenticator(context, page);
  const settings = new PasskeySettings(page);

  await settings.goto();
  await expect(settings.section()).toContainText("No passkeys yet.");
  await settings.add("Test laptop");
  await expect(settings.item("Test laptop")).toContainText("Never used");
  // Discoverable: the authenticator keeps it, under this account's user handle.
  const [credential] = await authenticator.credentials();
  expect(credential?.isResidentCredential).toBe(true);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/\?signed-out=1$/);

  await signInWithPasskey(page);
  await expect(page.getByRole("heading", { name: "Notes" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(account.displayName);

  await settings.goto();
  await expect(settings.item("Test laptop")).toContainText("Last used");
  await settings.remove("Test laptop");
  await expect(settings.section()).toContainText("No passkeys yet.");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/\?signed-out=1$/);
  await signInWithPasskey(page);
  await expect(page.getByRole("alert").filter({ hasText: "passkey" })).toHaveText(
    "This passkey was not accepted. It may have been removed from your account: sign in with your password instead.",
  );
  await expect(page).toHaveURL(/\/signin/);
});
