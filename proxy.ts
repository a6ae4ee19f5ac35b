import { type NextRequest, NextResponse } from "next/server";
import { isAppPath } from "@/lib/auth/config";

// Auth.js's session cookie, plain on http and __Secure- on https, split into .0, .1… when large.
const sessionCookie = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * Sends visitors without a session cookie from app pages to sign in. It only reads cookies:
 * writing the session here (as Auth.js's middleware does) could resurrect it after a sign-out
 * when a prefetch answers late. Not the security boundary: pages, actions and routes check the
 * session themselves.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = request.cookies.getAll().some((cookie) => sessionCookie.test(cookie.name));
  if (hasSession || !isAppPath(pathname)) return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/notes/:path*", "/tasks/:path*", "/settings/:path*"],
};
