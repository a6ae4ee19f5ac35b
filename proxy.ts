import { NextResponse } from "next/server";
import NextAuth from "next-auth";
import { baseAuthConfig, isAppPath } from "@/lib/auth/config";
import { env } from "@/lib/env";

// Redirects signed-out visitors away from app pages. Not the security boundary: every page,
// action and route checks the session itself (see lib/server/with-user.ts).
const { auth } = NextAuth({
  ...baseAuthConfig,
  secret: env().authSecret,
  trustHost: env().trustHost,
});

export const proxy = auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (request.auth?.user || !isAppPath(pathname)) return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
});

export const config = {
  matcher: ["/notes/:path*", "/tasks/:path*", "/settings/:path*"],
};
