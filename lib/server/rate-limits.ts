import "server-only";
import { incrementRateCounter } from "@/lib/db/rate-limits-repository";
import type { Database } from "@/lib/db/runtime";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Every limit on how fast one person (or one address) may use the app, in one place. Windows are
 * fixed and counted in DynamoDB (lib/db/rate-limits-repository.ts), so all servers agree; TTL
 * removes the counters. `JOTBOARD_RATE_LIMIT_SCALE` multiplies the counts for load tests.
 *
 * - writes: every mutation of a signed-in person (JSON routes and server actions). Autosave
 *   sends at most one a second while typing; 100 a minute leaves room for an offline outbox
 *   replaying, which backs off on 429 and drains over the next minutes.
 * - searches: a search reads the person's partition (bounded per request), so 60 a minute.
 * - sign-ups: each costs an Argon2 hash; 20 an hour per client address.
 * - password resets: each sends a mail; 5 an hour per email (whether or not it has an account,
 *   so the refusal reveals nothing) and 20 an hour per client address.
 * - account mails: any other mail one address gets unasked (sign-up notices, verification
 *   links, email-change confirmations): 5 an hour. Past it the mail is silently not sent, so the
 *   answer stays the same and nobody can flood an inbox through the forms.
 * - email changes: 10 an hour per account (each mails the new address).
 * - passkey sign-ins: each stores a challenge and costs a signature check; 30 a minute per
 *   client address (a person retrying, or a household behind one address).
 */
const minutesMessage = (what: string) => (seconds: number) => {
  const minutes = Math.ceil(seconds / 60);
  return `${what}; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
};

export const rateLimits = {
  writes: {
    limit: 100,
    windowSeconds: 60,
    message: (seconds: number) =>
      `You are saving very fast; try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
  },
  searches: {
    limit: 60,
    windowSeconds: 60,
    message: (seconds: number) =>
      `You are searching very fast; try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
  },
  signUps: {
    limit: 20,
    windowSeconds: 3600,
    message: (seconds: number) => {
      const minutes = Math.ceil(seconds / 60);
      return `Too many accounts were made from this network; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    },
  },
  passwordResetsPerEmail: {
    limit: 5,
    windowSeconds: 3600,
    message: minutesMessage("Too many reset links were asked for this address"),
  },
  passwordResetsPerAddress: {
    limit: 20,
    windowSeconds: 3600,
    message: minutesMessage("Too many reset links were asked from this network"),
  },
  accountMails: {
    limit: 5,
    windowSeconds: 3600,
    message: minutesMessage("Too many mails went to this address"),
  },
  emailChanges: {
    limit: 10,
    windowSeconds: 3600,
    message: minutesMessage("Too many email changes were asked"),
  },
  passkeySignIns: {
    limit: 30,
    windowSeconds: 60,
    message: (seconds: number) =>
      `Too many passkey sign-ins from this network; try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
  },
} as const;

export type RateLimitKind = keyof typeof rateLimits;

/** Counts one more use by `subject` and throws a 429 (with Retry-After) past the limit. */
export async function assertWithinRateLimit(
  db: Database,
  kind: RateLimitKind,
  subject: string,
  now = Date.now(),
): Promise<void> {
  const { limit, windowSeconds, message } = rateLimits[kind];
  const windowMs = windowSeconds * 1000;
  const windowStart = now - (now % windowMs);
  const windowEnd = windowStart + windowMs;
  const count = await incrementRateCounter(db, {
    scope: kind,
    subject,
    windowStart,
    windowEnd,
  });
  if (count > limit * env().rateLimitScale) {
    const retryAfter = Math.max(1, Math.ceil((windowEnd - now) / 1000));
    throw new AppError("rate_limited", message(retryAfter), { retryAfterSeconds: retryAfter });
  }
}

/** Counts one more use like `assertWithinRateLimit`, answering instead of throwing. */
export async function isWithinRateLimit(
  db: Database,
  kind: RateLimitKind,
  subject: string,
  now = Date.now(),
): Promise<boolean> {
  try {
    await assertWithinRateLimit(db, kind, subject, now);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return false;
    throw error;
  }
}
