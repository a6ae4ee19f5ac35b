import { isIP } from "node:net";

/** True for localhost, 127.0.0.0/8 and ::1: the only hosts tests may talk to. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1";
  return false;
}

export function assertLoopbackUrl(url: string, what: string): void {
  if (!isLoopbackUrl(url)) {
    throw new Error(
      `Refusing to run tests against ${what} at ${url}: only loopback endpoints are allowed`,
    );
  }
}
