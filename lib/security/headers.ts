import type { RealtimeConfig } from "@/lib/env";

/**
 * The Content-Security-Policy for a page: scripts only from this origin with this response's
 * nonce (no inline scripts without it), nothing framing the app, and S3 as the one other origin
 * (presigned uploads and downloads, thumbnails). Styles may be inline: React and Next set them.
 */
export function contentSecurityPolicy(options: {
  nonce: string;
  storageOrigins: readonly string[];
  /** The live-update broker's WebSocket origin, when live updates are on. */
  realtimeOrigins?: readonly string[];
  development: boolean;
  /** A note page whose owner chose to see images from other sites: any https image loads. */
  remoteImages?: boolean;
}): string {
  const storage = options.storageOrigins.join(" ");
  const directives = [
    "default-src 'self'",
    // React's dev tooling evaluates code; production never does.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${storage}${options.remoteImages ? " https:" : ""}`,
    `connect-src 'self' ${[storage, ...(options.realtimeOrigins ?? [])].join(" ")}`,
    "font-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/**
 * Where browsers talk to S3 directly: the local server, or this app's bucket alone, at the
 * virtual-hosted address the SDK presigns on AWS (`https://<bucket>.s3.<region>.amazonaws.com`).
 * The regional endpoint (`s3.<region>.amazonaws.com`) would admit every bucket in the region.
 */
export function storageOrigins(config: {
  cloud: "local" | "aws";
  s3Endpoint?: string;
  region: string;
  bucket: string;
}): string[] {
  if (config.cloud === "local" && config.s3Endpoint) return [new URL(config.s3Endpoint).origin];
  return [`https://${config.bucket}.s3.${config.region}.amazonaws.com`];
}

/** Where browsers open the live-update WebSocket: the local broker, or IoT Core's endpoint. */
export function realtimeOrigins(realtime: RealtimeConfig | undefined): string[] {
  if (!realtime) return [];
  return [realtime.kind === "local" ? new URL(realtime.url).origin : `wss://${realtime.endpoint}`];
}

/** Headers for every response (CSP is added per page by the proxy, with its nonce). */
export function staticSecurityHeaders(production: boolean): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ...(production
      ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
      : []),
  ];
}
