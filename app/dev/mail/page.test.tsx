/** The dev mailbox exists on the local cloud only: anywhere else it is Next's 404. */
import { ulid } from "ulid";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { sendMail } from "@/lib/mail/send";
import { verifyEmailMail } from "@/lib/mail/templates";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await createTestCloud();
});

async function loadPage(environment: Record<string, string>) {
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const [key, value] of Object.entries(environment)) vi.stubEnv(key, value);
  return (await import("@/app/dev/mail/page")).default;
}

describe("/dev/mail", () => {
  it("lists caught mail on the local cloud", async () => {
    const page = await loadPage(cloud.env);
    const to = `dev-${ulid().toLowerCase()}@example.test`;
    await sendMail(verifyEmailMail(to, "http://localhost:3000/verify-email?token=x", 48));
    const element = await page({ searchParams: Promise.resolve({ to }) });
    expect(JSON.stringify(element)).toContain("confirm your email address");
  });

  it("is a 404 anywhere but the local cloud", async () => {
    const page = await loadPage({
      JOTBOARD_CLOUD: "aws",
      SST_RESOURCE_App: '{"name":"jotboard","stage":"test"}',
      AUTH_SECRET: cloud.env.AUTH_SECRET as string,
      // Even with a mail folder around, the page refuses off the local cloud.
      JOTBOARD_MAIL_DIR: cloud.env.JOTBOARD_MAIL_DIR as string,
    });
    await expect(page({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({
      digest: expect.stringMatching(/NEXT_HTTP_ERROR_FALLBACK;404/),
    });
  });
});
