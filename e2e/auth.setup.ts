import { writeFileSync } from "node:fs";
import { test as setup } from "@playwright/test";
import { accountPath, newAccount, SignUpPage, storageStatePath } from "./support/accounts";

/** One signed-in account for the tests that only need to be signed in. */
setup("create and sign in the shared test account", async ({ page }) => {
  const account = newAccount("shared");
  await new SignUpPage(page).signUp(account);
  await page.context().storageState({ path: storageStatePath });
  writeFileSync(accountPath, JSON.stringify(account));
});
