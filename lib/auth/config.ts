import type { NextAuthConfig } from "next-auth";

/** Where signed-in people start. */
export const homePath = "/settings";

/** Paths only signed-in people may open; the proxy sends everyone else to sign in. */
export const appPathPrefixes = ["/notes", "/tasks", "/settings"] as const;

export function isAppPath(pathname: string): boolean {
  return appPathPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * The part of the Auth.js configuration the proxy shares with the server: no providers and no
 * database, so it stays cheap on every navigation.
 */
export const baseAuthConfig = {
  pages: { signIn: "/signin" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  providers: [],
} satisfies NextAuthConfig;
