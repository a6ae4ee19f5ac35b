import path from "node:path";
import { type BrowserContext, test as base, type PlaywrightWorkerArgs } from "@playwright/test";
import { newAccount, signUpViaApi, type TestAccount } from "./accounts";

type Cookies = Parameters<BrowserContext["addCookies"]>[0];

/** An account signed up through the API, and the cookies of its session. */
export interface SignedUpAccount {
  readonly account: TestAccount;
  readonly cookies: Cookies;
}

async function signUpAccount(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
  label: string,
): Promise<SignedUpAccount> {
  const request = await playwright.request.newContext({ baseURL });
  try {
    const account = newAccount(label);
    await signUpViaApi(request, account);
    return { account, cookies: (await request.storageState()).cookies };
  } finally {
    await request.dispose();
  }
}

/**
 * `workerAccount` is signed up once per worker; `ownAccount` once per test that asks for it
 * (empty lists, exact counts, signing out). Both through the API, not the sign-up page, which
 * keeps its own tests in accounts.spec.ts. Tests start signed out here; see below.
 */
export const test = base.extend<
  { ownAccount: SignedUpAccount },
  { workerAccount: SignedUpAccount }
>({
  workerAccount: [
    async ({ playwright }, use, workerInfo) => {
      const { baseURL } = workerInfo.project.use;
      await use(await signUpAccount(playwright, baseURL, `worker${workerInfo.workerIndex}`));
    },
    { scope: "worker" },
  ],
  ownAccount: async ({ playwright, baseURL }, use, testInfo) => {
    await use(await signUpAccount(playwright, baseURL, path.basename(testInfo.file, ".spec.ts")));
  },
});

// Only the test's own context is signed in (its cookies, not the storageState option, which
// browser.newContext() would hand to every other context: intruders stay signed out).

/** Tests that start signed in as the worker's account, which earlier tests have used too. */
export const workerAccountTest = test.extend({
  context: async ({ context, workerAccount }, use) => {
    await context.addCookies(workerAccount.cookies);
    await use(context);
  },
});

/** Tests that start signed in as an account of their own. */
export const ownAccountTest = test.extend({
  context: async ({ context, ownAccount }, use) => {
    await context.addCookies(ownAccount.cookies);
    await use(context);
  },
});
