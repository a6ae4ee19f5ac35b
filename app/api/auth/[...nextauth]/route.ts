import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { AppError } from "@/lib/errors";
import { readCappedBody } from "@/lib/server/request-body";
import { errorResponse } from "@/lib/server/with-user";

/** Auth.js's forms (sign in, sign out, CSRF token) are a few hundred bytes. */
const maxAuthBodyBytes = 8 * 1024;

export const { GET } = handlers;

/**
 * Auth.js reads whatever body it is given, signed in or not: the body goes through the byte
 * cap first (a chunked stream is cancelled at 8 KB with a 413), then Auth.js gets the bytes.
 */
export async function POST(request: NextRequest): Promise<Response> {
  // Auth.js's own sign-out endpoint would only clear the cookie, leaving a saved copy valid: the
  // app signs out through its action, which revokes the session (lib/auth/session.ts).
  if (request.nextUrl.pathname.endsWith("/signout")) return new Response(null, { status: 404 });
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readCappedBody(request, maxAuthBodyBytes);
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(body.byteLength));
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers, body }));
}
