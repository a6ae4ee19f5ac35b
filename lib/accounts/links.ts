import "server-only";
import { env } from "@/lib/env";

/**
 * An absolute link for a mail, on the app's configured address (JOTBOARD_APP_URL): never built
 * from the request's Host header, which the client chooses (a reset link pointing at an
 * attacker's host would hand them the token).
 */
export function appLink(path: string, token?: string): string {
  const base = env().appUrl;
  if (!base) {
    throw new Error(
      "Set JOTBOARD_APP_URL (or JOTBOARD_ORIGINS): links in mails need the app's public address",
    );
  }
  const url = new URL(path, `${base}/`);
  if (token) url.searchParams.set("token", token);
  return url.toString();
}

/** How long each mailed link works. */
export const linkLifetimes = {
  verifyEmailHours: 48,
  resetPasswordMinutes: 30,
  changeEmailMinutes: 60,
} as const;
