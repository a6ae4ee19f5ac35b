import { type NextRequest, NextResponse } from "next/server";
import { isAppPath } from "@/lib/auth/config";
import { env } from "@/lib/env";
import { resourceNames } from "@/lib/resources";
import { contentSecurityPolicy, realtimeOrigins, storageOrigins } from "@/lib/security/headers";

// Auth.js's session cookie, plain on http and __Secure- on https, split into .0, .1… when large.
const sessionCookie = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
// A note page asked for with its remote images (the page itself checks the note's choice).
const remoteImagesPage = /^\/notes\/[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Runs before every page: gives it a fresh CSP nonce (Next stamps it on its own scripts), and
 * sends visitors without a session cookie from app pages to sign in. It only reads cookies:
 * writing the session here (as Auth.js's middleware does) could resurrect it after a sign-out
 * when a prefetch answers late. Not the security boundary: pages, actions and routes check the
 * session themselves.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = request.cookies.getAll().some((cookie) => sessionCookie.test(cookie.name));
  if (!hasSession && isAppPath(pathname)) {
    const signIn = new URL("/signin", request.nextUrl);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  const config = env();
  const csp = contentSecurityPolicy({
    nonce: btoa(crypto.randomUUID()),
    storageOrigins: storageOrigins({ ...config, bucket: resourceNames(config).bucket }),
    realtimeOrigins: realtimeOrigins(config.realtime),
    development: config.nodeEnv === "development",
    remoteImages:
      remoteImagesPage.test(pathname) && request.nextUrl.searchParams.get("images") === "remote",
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Pages only: not the API, Next's static files, the service worker or public assets.
  matcher: [
    {
      source:
        "/((?!api/|_next/static|_next/image|icons/|sw\\.js|manifest\\.webmanifest|icon\\.svg).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
