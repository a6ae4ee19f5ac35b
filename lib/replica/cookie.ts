/**
 * The cookie that tells server pages this browser holds a ready replica of its person's library
 * (issue 13 §2): they skip their database reads and let the client view draw from the replica.
 * Its value is the user id, so another person's session on the device never trusts it.
 */
import { expiredReplicaCookie, replicaCookieName } from "@/lib/offline/device-data";

export { replicaCookieName };

export function setReplicaCookie(userId: string): void {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  // A year: the replica stays until a wipe, which clears the cookie with it.
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and older Safari
  document.cookie = `${replicaCookieName}=${encodeURIComponent(userId)}; path=/; max-age=31536000; SameSite=Lax${secure}`;
}

export function clearReplicaCookie(): void {
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and older Safari
  document.cookie = expiredReplicaCookie();
}

export function hasReplicaCookie(userId: string): boolean {
  return document.cookie.split("; ").includes(`${replicaCookieName}=${encodeURIComponent(userId)}`);
}
