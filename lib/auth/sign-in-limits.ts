import "server-only";
import {
  incrementRateCounter,
  type RateWindow,
  readRateCounter,
} from "@/lib/db/rate-limits-repository";
import type { Database } from "@/lib/db/runtime";
import { AppError } from "@/lib/errors";

const windowMs = 15 * 60_000;
/** Failed sign-ins allowed per window: per email (guessing one password) and per client address. */
export const signInLimits = { email: 5, address: 20, device: 10 } as const;

export interface SignInAttempt {
  readonly email: string;
  readonly address: string;
  /** The id of a device that signed in to this email before (lib/auth/device-cookie.ts). */
  readonly device?: string;
}

/**
 * A known device is limited on its own; any other attempt per email (a guessed password) and
 * per client address (one source trying many emails).
 */
function windows(attempt: SignInAttempt, now: number): { window: RateWindow; limit: number }[] {
  const windowStart = now - (now % windowMs);
  const windowEnd = windowStart + windowMs;
  const window = (scope: string, subject: string) => ({ scope, subject, windowStart, windowEnd });
  if (attempt.device) {
    return [{ window: window("signin-device", attempt.device), limit: signInLimits.device }];
  }
  return [
    { window: window("signin-email", attempt.email), limit: signInLimits.email },
    { window: window("signin-address", attempt.address), limit: signInLimits.address },
  ];
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError(
    "rate_limited",
    `Too many attempts, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfterSeconds },
  );
}

/** Throws `rate_limited` once either counter has reached its limit in the current window. */
export async function assertSignInAllowed(db: Database, attempt: SignInAttempt, now = Date.now()) {
  for (const { window, limit } of windows(attempt, now)) {
    if ((await readRateCounter(db, window)) >= limit) {
      throw tooManyAttempts(Math.ceil((window.windowEnd - now) / 1000));
    }
  }
}

export async function recordSignInFailure(db: Database, attempt: SignInAttempt, now = Date.now()) {
  await Promise.all(windows(attempt, now).map(({ window }) => incrementRateCounter(db, window)));
}
