import "server-only";
import { randomUUID } from "node:crypto";
import { cookies } from "next/headers";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { sessionMaxAgeSeconds } from "@/lib/auth/config";
import { checkCredentials } from "@/lib/auth/credentials";
import { deviceCookie, issueDeviceToken } from "@/lib/auth/device-cookie";
import { signInSchema } from "@/lib/auth/schemas";
import { signInAttempt } from "@/lib/auth/sign-in-attempt";
import { getDatabase } from "@/lib/db/runtime";
import { getSessionAccount } from "@/lib/db/users-repository";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { passkeySignInSchema } from "@/lib/passkeys/schemas";
import { verifyPasskeySignIn } from "@/lib/passkeys/service";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** False when the session could not be checked against the account (storage unreachable). */
    verified: boolean;
    /** This sign-in's id: signing out revokes it alone. */
    sessionId: string;
    emailVerified: boolean;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sessionVersion?: number;
    /** The session's id, revocable on its own (sign-out). */
    sid?: string;
    unverified?: boolean;
    /** Whether the account's current email was confirmed (the app's banner asks until it is). */
    emailVerified?: boolean;
  }
}

/** Sign-in refused by the rate limit; `code` carries the minutes to wait to the sign-in form. */
export class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `too_many_attempts:${Math.max(1, Math.ceil(retryAfterSeconds / 60))}`;
  }
}

/** This browser is now a known device of this account: its own sign-in allowance from now on. */
async function rememberDevice(secret: string, email: string, request: Request): Promise<void> {
  (await cookies()).set(deviceCookie.name, issueDeviceToken(secret, email), {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(request.url).protocol === "https:",
    path: "/",
    maxAge: deviceCookie.maxAgeSeconds,
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const config = env();
  // Auth.js refuses to run without one; the device cookie is signed with it too.
  const secret = config.authSecret ?? "";
  return {
    pages: { signIn: "/signin" },
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds },
    secret: config.authSecret,
    trustHost: config.trustHost,
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          let user: Awaited<ReturnType<typeof checkCredentials>>;
          try {
            user = await checkCredentials(
              getDatabase(),
              signInAttempt(request.headers, email),
              password,
            );
          } catch (error) {
            if (error instanceof AppError && error.code === "rate_limited") {
              throw new TooManyAttempts(error.retryAfterSeconds ?? 60);
            }
            throw error;
          }
          if (!user) return null;
          await rememberDevice(secret, email, request);
          return {
            id: user.userId,
            email: user.email,
            name: user.displayName,
            sessionVersion: user.sessionVersion,
          };
        },
      }),
      // A passkey (issue 15 §5): the assertion is checked here, so a passkey's session is the
      // same JWT, with the same sessionVersion and revocation, as a password's.
      Credentials({
        id: "passkey",
        name: "Passkey",
        credentials: { challengeId: {}, response: {} },
        async authorize(raw, request) {
          const parsed = passkeySignInSchema.safeParse(raw);
          if (!parsed.success) return null;
          let user: Awaited<ReturnType<typeof verifyPasskeySignIn>>;
          try {
            user = await verifyPasskeySignIn(getDatabase(), request.headers, parsed.data);
          } catch (error) {
            // An address this deployment does not serve: refused like a bad passkey.
            if (error instanceof AppError && error.code === "forbidden") return null;
            throw error;
          }
          if (!user) return null;
          await rememberDevice(secret, user.email, request);
          return {
            id: user.userId,
            email: user.email,
            name: user.displayName,
            sessionVersion: user.sessionVersion,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          return { ...token, sub: user.id, sessionVersion: user.sessionVersion, sid: randomUUID() };
        }
        // Tokens from before sessions had ids cannot be signed out alone: they end here.
        if (!token.sub || !token.sid) return null;
        try {
          const { user: current, revoked } = await getSessionAccount(
            getDatabase(),
            token.sub,
            token.sid,
          );
          // Signing out revokes this session; a password change or "sign out everywhere" bumps
          // the version: either way the token dies here, however often it is replayed.
          if (!current || revoked || current.sessionVersion !== token.sessionVersion) return null;
          const { unverified: _, ...rest } = token;
          // Read with the account on every request anyway: the verify banner costs no read.
          return {
            ...rest,
            name: current.displayName,
            email: current.email,
            emailVerified: Boolean(current.emailVerifiedAt),
          };
        } catch (error) {
          // Throwing here would make Auth.js delete the cookie, signing people out whenever
          // storage blips. Keep it, marked unverified; nothing acts on an unverified session.
          console.error("session check failed", error);
          return { ...token, unverified: true };
        }
      },
      session({ session, token }) {
        return {
          ...session,
          verified: !token.unverified,
          sessionId: token.sid ?? "",
          emailVerified: token.emailVerified ?? false,
          user: { ...session.user, id: token.sub ?? "" },
        };
      },
    },
  };
});
