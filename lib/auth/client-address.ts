/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry, since
 * CloudFront (and Next locally) append the address they saw, while earlier entries are whatever
 * the client sent and can be forged to dodge the per-address limit.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
