import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";

export const { GET } = handlers;

/**
 * Auth.js's own sign-out endpoint would only clear the cookie, leaving a saved copy valid: the
 * app signs out through its action, which revokes the session (lib/auth/session.ts).
 */
export function POST(request: NextRequest): Promise<Response> | Response {
  if (request.nextUrl.pathname.endsWith("/signout")) return new Response(null, { status: 404 });
  return handlers.POST(request);
}
