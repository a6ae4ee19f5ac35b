import { beforeAll, describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { deviceFromCookie, issueDeviceToken } from "@/lib/auth/device-cookie";
import { hashPassword } from "@/lib/auth/password";
import { signInLimits } from "@/lib/auth/sign-in-limits";
import { createUser } from "@/lib/db/users-repository";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

const secret = "s".repeat(32);
const password = "correct horse battery staple";
// 10:05 inside the 10:00-10:15 window, so no test straddles two windows.
const now = Date.UTC(2026, 10, 21, 10, 5);

describe("sign-in with device cookies (OWASP): guessers are slowed, the owner is not locked out", () => {
  let cloud: TestCloud;
  let hash: string;
  beforeAll(async () => {
    cloud = await createTestCloud();
    hash = await hashPassword(password);
  });

  async function account(label: string) {
    const email = `${label}@example.test`;
    await createUser(cloud.database, { email, displayName: label, passwordHash: hash });
    return email;
  }

  it("wrong passwords for someone's email, from any addresses, do not refuse their known device", async () => {
    const email = await account("victim");
    for (let guess = 0; guess < signInLimits.email; guess++) {
      const attempt = { email, address: `203.0.113.${guess}` };
      expect(await checkCredentials(cloud.database, attempt, `guess-${guess}`, now)).toBeNull();
    }
    // An unknown device is refused, even with the right password: the guessers' allowance.
    await expect(
      checkCredentials(cloud.database, { email, address: "198.51.100.7" }, password, now),
    ).rejects.toMatchObject({ code: "rate_limited" });
    // The device that signed in before keeps its own allowance.
    const device = { email, address: "198.51.100.7", device: "owner-laptop" };
    expect(await checkCredentials(cloud.database, device, password, now)).toMatchObject({ email });
  });

  it("a known device that keeps failing is limited on its own, nobody else is", async () => {
    const email = await account("typist");
    const stolen = { email, address: "192.0.2.1", device: "stolen-phone" };
    for (let guess = 0; guess < signInLimits.device; guess++) {
      expect(await checkCredentials(cloud.database, stolen, `guess-${guess}`, now)).toBeNull();
    }
    await expect(checkCredentials(cloud.database, stolen, password, now)).rejects.toMatchObject({
      code: "rate_limited",
    });
    const other = { email, address: "192.0.2.1", device: "owner-tablet" };
    expect(await checkCredentials(cloud.database, other, password, now)).toMatchObject({ email });
    const unknown = { email, address: "192.0.2.2" };
    expect(await checkCredentials(cloud.database, unknown, password, now)).toMatchObject({ email });
  });
});

describe("device cookie", () => {
  const email = "owner@example.test";

  it("names a device for the email it was issued to, and only with this app's secret", () => {
    const token = issueDeviceToken(secret, email);
    const cookie = (value: string) => new Headers({ cookie: `a=1; jotboard-device=${value}; b=2` });
    const device = deviceFromCookie(cookie(token), secret, email);
    expect(device).toMatch(/^[\w-]{22}$/);
    expect(deviceFromCookie(cookie(token), secret, "other@example.test")).toBeUndefined();
    expect(deviceFromCookie(cookie(token), "t".repeat(32), email)).toBeUndefined();
    expect(deviceFromCookie(cookie(`${device}.forged`), secret, email)).toBeUndefined();
    expect(deviceFromCookie(cookie(`x${token}`), secret, email)).toBeUndefined();
    expect(deviceFromCookie(new Headers(), secret, email)).toBeUndefined();
    expect(issueDeviceToken(secret, email)).not.toBe(token);
  });
});
