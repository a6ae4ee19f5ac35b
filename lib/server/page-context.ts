import "server-only";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { replicaCookieName } from "@/lib/replica/cookie";
import { type Backends, backends } from "@/lib/server/backends";

/** For server pages: the signed-in user (else a redirect to sign in) and the backends. */
export async function requirePageContext(
  returnTo: string,
): Promise<Backends & { user: SessionUser }> {
  const user = await requireUser(returnTo);
  return { user, ...backends() };
}

/** A service's 404 on a page is Next's not-found page, as the gate makes it a 404 in routes. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/**
 * Whether this browser holds a ready replica of `user`'s library (issue 13 §2): the page then
 * skips its database reads and its client view draws from the replica. The cookie names the
 * user, so another person's session on the device never trusts it.
 */
export async function hasReplica(user: SessionUser): Promise<boolean> {
  const value = (await cookies()).get(replicaCookieName)?.value;
  return value !== undefined && decodeURIComponent(value) === user.userId;
}
