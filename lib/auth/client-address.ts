import { env } from "@/lib/env";

export interface ClientAddressSource {
  /** A header a trusted edge sets to the client's address, overwriting the client's own. */
  readonly header?: string;
  /** Trusted proxies in front of the app's server, each appending to X-Forwarded-For. */
  readonly trustedProxyHops: number;
}

/**
 * The client's address, for the per-address sign-in limit, from entries no client can forge:
 * the configured edge header (on AWS the CloudFront function writes the viewer's address), or
 * the X-Forwarded-For entry `trustedProxyHops` left of the rightmost, which the app's own server
 * appends from the socket (scripts/serve.ts). Everything left of that is whatever the client
 * sent; X-Real-IP is never read unless it is the configured header.
 */
export function clientAddressFrom(headers: Headers, source: ClientAddressSource): string {
  if (source.header) return headers.get(source.header)?.trim() || "unknown";
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.at(-1 - source.trustedProxyHops) ?? "unknown";
}

export function clientAddress(headers: Headers): string {
  return clientAddressFrom(headers, env().clientAddress);
}
