import type * as Session from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/session";

/**
 * Who is signed in, for tests that call routes and actions directly: no request there carries
 * a session cookie. `scripts/test/session-setup.ts` puts the double in front of
 * `@/lib/auth/session` in every test file, but it answers only in files that import
 * `@/lib/testing/session-mock`; every other file (the auth tests) gets the real session.
 */
export const sessionDouble = { active: false, user: null as SessionUser | null };

export function withSessionDouble(real: typeof Session): typeof Session {
  return {
    ...real,
    currentUser: (async () =>
      sessionDouble.active ? sessionDouble.user : real.currentUser()) as typeof real.currentUser,
    // Signed out, the double answers null as the gate sees it, instead of a page redirect.
    requireUser: async (returnTo) =>
      sessionDouble.active ? (sessionDouble.user as SessionUser) : real.requireUser(returnTo),
  };
}
