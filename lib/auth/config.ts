/** Where signed-in people start. */
export const homePath = "/notes";

/** Paths only signed-in people may open; the proxy sends everyone else to sign in. */
export const appPathPrefixes = ["/notes", "/tasks", "/settings"] as const;

export function isAppPath(pathname: string): boolean {
  return appPathPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
