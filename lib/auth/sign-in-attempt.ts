import "server-only";
import { clientAddress } from "@/lib/auth/client-address";
import { deviceFromCookie } from "@/lib/auth/device-cookie";
import type { SignInAttempt } from "@/lib/auth/sign-in-limits";
import { env } from "@/lib/env";

/** Who is trying to sign in as `email`, as far as the limits care: address and known device. */
export function signInAttempt(headers: Headers, email: string): SignInAttempt {
  return {
    email,
    address: clientAddress(headers),
    device: deviceFromCookie(headers, env().authSecret ?? "", email),
  };
}
