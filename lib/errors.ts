/**
 * The one domain error type. Repositories and services throw it; `withUser` maps it to an HTTP
 * status for routes and to an action state for forms. Its message is safe to show to the user.
 */
export const errorStatus = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  mismatch: 422,
  rate_limited: 429,
  /** A bug on the server: retrying the same request will not help. */
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface AppErrorOptions {
  /** Messages per form field, shown beside the field. */
  fieldErrors?: Readonly<Record<string, readonly string[]>>;
  /** Sent as `Retry-After` with a 429 or 503. */
  retryAfterSeconds?: number;
  /** Extra JSON for the client, e.g. the current version of a record after a 409. */
  details?: Readonly<Record<string, unknown>>;
}

export class AppError extends Error {
  override name = "AppError";
  readonly status: number;
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
  readonly retryAfterSeconds: number | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.status = errorStatus[code];
    this.fieldErrors = options.fieldErrors ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}

/** AWS SDK errors that mean the backing service is unreachable or overloaded, not a bug. */
export function isUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const name = error.name;
  const code = (error as { code?: string }).code;
  return (
    [
      "TimeoutError",
      "RequestTimeout",
      "ProvisionedThroughputExceededException",
      "ThrottlingException",
      "RequestLimitExceeded",
      "InternalServerError",
      "ServiceUnavailable",
    ].includes(name) ||
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"].includes(code ?? "")
  );
}
