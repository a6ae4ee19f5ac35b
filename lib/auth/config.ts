/** Where signed-in people start. */
export const homePath = "/notes";

/** Paths only signed-in people may open; the proxy sends everyone else to sign in. */
export const appPathPrefixes = ["/notes", "/tasks", "/settings"] as const;

export function isAppPath(pathname: string): boolean {
  return appPathPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** How long a session lasts without use (Auth.js renews the cookie as it is used). */
export const sessionMaxAgeSeconds = 30 * 24 * 60 * 60;
