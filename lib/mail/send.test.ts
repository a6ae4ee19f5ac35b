/** Mail goes through the run's real SMTP catcher (no mock), which files it as JSON. */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { readMailbox } from "@/lib/mail/mailbox";
import { sendMail } from "@/lib/mail/send";
import { resetPasswordMail } from "@/lib/mail/templates";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
  for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
});

describe("sendMail", () => {
  it("delivers plain text and escaped HTML with the app's name, caught as JSON", async () => {
    const to = `m-${ulid().toLowerCase()}@example.test`;
    const url = "http://localhost:3000/reset-password?token=a<b";
    await sendMail(resetPasswordMail(to, url, 30));
    const [mail, ...others] = await readMailbox(cloud.env.JOTBOARD_MAIL_DIR as string, to);
    expect(others).toHaveLength(0);
    expect(mail?.to).toEqual([to]);
    expect(mail?.from).toContain("Jotboard");
    expect(mail?.subject).toBe("Jotboard: reset your password");
    expect(mail?.text).toContain(url);
    expect(mail?.html).toContain("token=a&lt;b");
    expect(mail?.html).not.toMatch(/<img|<script/i);
  });
});
