import "server-only";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientAddress } from "@/lib/auth/client-address";
import { verifyPassword } from "@/lib/auth/password";
import { signInSchema } from "@/lib/auth/schemas";
import { assertSignInAllowed, recordSignInFailure } from "@/lib/auth/sign-in-limits";
import { getDatabase } from "@/lib/db/runtime";
import { getCredentialsByEmail, getUser } from "@/lib/db/users-repository";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** False when the session could not be checked against the account (storage unreachable). */
    verified: boolean;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sessionVersion?: number;
    unverified?: boolean;
  }
}

/** Sign-in refused by the rate limit; `code` carries the minutes to wait to the sign-in form. */
export class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `too_many_attempts:${Math.max(1, Math.ceil(retryAfterSeconds / 60))}`;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const config = env();
  return {
    pages: { signIn: "/signin" },
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    secret: config.authSecret,
    trustHost: config.trustHost,
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const attempt = { email, address: clientAddress(request.headers) };
          const db = getDatabase();
          try {
            await assertSignInAllowed(db, attempt);
          } catch (error) {
            if (error instanceof AppError && error.code === "rate_limited") {
              throw new TooManyAttempts(error.retryAfterSeconds ?? 60);
            }
            throw error;
          }
          const credentials = await getCredentialsByEmail(db, email);
          // Runs for unknown emails too (against a dummy hash) so timing reveals nothing.
          const valid = await verifyPassword(credentials?.passwordHash, password);
          if (!valid || !credentials) {
            await recordSignInFailure(db, attempt);
            return null;
          }
          const { user } = credentials;
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
          return { ...token, sub: user.id, sessionVersion: user.sessionVersion };
        }
        if (!token.sub) return null;
        try {
          const current = await getUser(getDatabase(), token.sub);
          // A password change or "sign out everywhere" bumps the version: older tokens die here.
          if (!current || current.sessionVersion !== token.sessionVersion) return null;
          const { unverified: _, ...rest } = token;
          return { ...rest, name: current.displayName, email: current.email };
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
          user: { ...session.user, id: token.sub ?? "" },
        };
      },
    },
  };
});
