import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * OWASP's device cookies: a browser that signed in successfully gets a cookie naming it (a
 * random id, bound to the email by a MAC), and sign-ins that present it are limited per device
 * rather than per email, so wrong passwords sent from elsewhere never lock the owner out.
 */
export const deviceCookie = { name: "jotboard-device", maxAgeSeconds: 365 * 24 * 60 * 60 };

function mac(secret: string, email: string, id: string): string {
  return createHmac("sha256", secret)
    .update(`jotboard-device\n${email}\n${id}`)
    .digest("base64url");
}

export function issueDeviceToken(secret: string, email: string): string {
  const id = randomBytes(16).toString("base64url");
  return `${id}.${mac(secret, email, id)}`;
}

/** The device id in the request's cookie, if this app issued it for `email`. */
export function deviceFromCookie(
  headers: Headers,
  secret: string,
  email: string,
): string | undefined {
  if (!secret) return undefined;
  const token = (headers.get("cookie") ?? "")
    .split(";")
    .map((pair) => pair.trim())
    .find((pair) => pair.startsWith(`${deviceCookie.name}=`))
    ?.slice(deviceCookie.name.length + 1);
  const [id, signature, ...rest] = token?.split(".") ?? [];
  if (!id || !signature || rest.length > 0) return undefined;
  const expected = Buffer.from(mac(secret, email, id));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}
