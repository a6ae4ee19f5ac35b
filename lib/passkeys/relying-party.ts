import "server-only";
import { type Env, env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Who the browser is talking to, for WebAuthn: the origin the request was addressed to, checked
 * against the origins this deployment serves. A passkey is bound to its RP ID (the host name), and
 * the browser signs the page's origin into every answer: we compare both with this, never with a
 * value the client sends, and never with a Host header we did not expect (a forged Host would
 * otherwise make us accept answers made for another site).
 */
export interface RelyingParty {
  readonly rpID: string;
  readonly origin: string;
  readonly rpName: string;
}

const rpName = "Jotboard";

/** The origin a request was addressed to, as Next and Auth.js read it. */
export function requestOrigin(headers: Headers): string | undefined {
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim();
  if (!host) return undefined;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return undefined;
  }
}

function allowed(origin: URL, config: Env): boolean {
  if (config.origins) return config.origins.includes(origin.origin);
  // Locally, with no list: any port of localhost (browsers treat it as a secure context; an IP
  // address cannot be an RP ID at all).
  return (
    config.cloud === "local" &&
    (origin.hostname === "localhost" || origin.hostname.endsWith(".localhost"))
  );
}

export function relyingParty(headers: Headers, config: Env = env()): RelyingParty {
  const origin = requestOrigin(headers);
  const url = origin ? new URL(origin) : undefined;
  if (!url || !allowed(url, config)) {
    throw new AppError(
      "forbidden",
      config.origins || config.cloud === "local"
        ? "Passkeys cannot be used at this address."
        : "Passkeys are not set up on this server (set JOTBOARD_APP_URL or JOTBOARD_ORIGINS).",
    );
  }
  return { rpID: url.hostname, origin: url.origin, rpName };
}
