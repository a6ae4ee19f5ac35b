import { createHash, randomBytes } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { expect, type Page } from "@playwright/test";
import { createDocumentClient } from "@/lib/db/client";
import { assertLoopbackUrl } from "@/lib/testing/loopback";
import { e2eCloud } from "../../playwright.config";

/**
 * The dev mailbox (/dev/mail, local cloud only) as a person reads it: the mails to one address,
 * newest first, each an article headed by its subject. Use a page of its own so the page under
 * test stays where it is.
 */
export class DevMailbox {
  constructor(private readonly page: Page) {}

  /** The newest mail to `to` whose subject matches, waiting for it to arrive. */
  async mail(to: string, subject: string | RegExp) {
    const mail = this.page.getByRole("article").filter({
      has: this.page.getByRole("heading", { name: subject }),
    });
    await expect(async () => {
      await this.page.goto(`/dev/mail?to=${encodeURIComponent(to)}`);
      await expect(mail.first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    return mail.first();
  }

  /** The link in that mail, as a path on this app. */
  async link(to: string, subject: string | RegExp): Promise<string> {
    const href = await (await this.mail(to, subject))
      .getByRole("link")
      .first()
      .getAttribute("href");
    if (!href) throw new Error(`No link in the mail "${subject}" to ${to}`);
    const url = new URL(href);
    return `${url.pathname}${url.search}`;
  }

  /** How many mails to `to` match `subject`, now. */
  async count(to: string, subject: string | RegExp): Promise<number> {
    await this.page.goto(`/dev/mail?to=${encodeURIComponent(to)}`);
    return this.page
      .getByRole("article")
      .filter({ has: this.page.getByRole("heading", { name: subject }) })
      .count();
  }
}

/**
 * A reset link for `email`'s account that expired a minute ago, written straight into the e2e
 * run's DynamoDB Local (waiting 30 minutes is not a test): stored as the app stores them, by the
 * SHA-256 of the token (lib/db/account-tokens-repository.ts).
 */
export async function plantExpiredResetLink(email: string): Promise<string> {
  const endpoint = `http://127.0.0.1:${e2eCloud.dynamoPort}`;
  assertLoopbackUrl(endpoint, "DynamoDB");
  const client = createDocumentClient({ region: "us-east-1", endpoint });
  const TableName = "jotboard-Users";
  try {
    const { Item } = await client.send(
      new GetCommand({ TableName, Key: { userId: `email#${email}` }, ConsistentRead: true }),
    );
    const ownerId = Item?.ownerId;
    if (typeof ownerId !== "string") throw new Error(`No account uses ${email}`);
    const token = randomBytes(32).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    await client.send(
      new PutCommand({
        TableName,
        Item: {
          userId: `token#${createHash("sha256").update(token).digest("hex")}`,
          kind: "account-token",
          purpose: "reset-password",
          subjectUserId: ownerId,
          sentTo: email,
          createdAt: new Date((now - 31 * 60) * 1000).toISOString(),
          expiresAt: now - 60,
        },
      }),
    );
    return `/reset-password?token=${token}`;
  } finally {
    client.destroy();
  }
}

/** The pages a mailed link opens, and the forgot/reset forms. */
export class RecoveryPages {
  constructor(private readonly page: Page) {}

  async askForReset(email: string) {
    await this.page.goto("/signin");
    await this.page.getByRole("link", { name: "Forgot password?" }).click();
    // The sign-in form has an Email field too: fill the forgot form's once it is shown.
    await expect(this.page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByRole("button", { name: "Send a reset link" }).click();
    await expect(this.page.getByRole("status")).toContainText("Check your inbox");
  }

  async setNewPassword(password: string) {
    await this.page.getByLabel("New password", { exact: true }).fill(password);
    await this.page.getByLabel("Repeat the new password").fill(password);
    await this.page.getByRole("button", { name: "Set new password" }).click();
  }

  refusedReset() {
    return this.page.getByRole("heading", { name: "This reset link cannot be used" });
  }

  verifyBanner() {
    return this.page.getByRole("complementary", { name: "Confirm your email" });
  }

  async askForEmailChange(newEmail: string, password: string) {
    await this.page.goto("/settings");
    await this.page.getByLabel("New email address").fill(newEmail);
    await this.page.getByLabel("Password, to confirm the change").fill(password);
    await this.page.getByRole("button", { name: "Change email" }).click();
    await expect(
      this.page.getByRole("status").filter({ hasText: `We sent a link to ${newEmail}` }),
    ).toBeVisible();
  }
}
