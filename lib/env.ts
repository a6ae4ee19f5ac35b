import { z } from "zod";
import { siteAddresses } from "@/lib/site-addresses";

/**
 * The app's whole configuration, parsed once. `cloud` is `local` for the embedded DynamoDB Local
 * and S3 server (`npm run dev`, tests) and `aws` when SST links real resources.
 */
const loopbackOrAnyUrl = z.url({ protocol: /^https?$/ });

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    JOTBOARD_CLOUD: z.enum(["local", "aws"]).optional(),
    JOTBOARD_DYNAMODB_ENDPOINT: loopbackOrAnyUrl.optional(),
    JOTBOARD_S3_ENDPOINT: loopbackOrAnyUrl.optional(),
    JOTBOARD_TABLE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.-]*$/, "letters, digits, _ . - only")
      .default("jotboard-"),
    JOTBOARD_BUCKET: z.string().min(3).default("jotboard-attachments"),
    AWS_REGION: z.string().min(1).default("us-east-1"),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    AUTH_TRUST_HOST: z.enum(["true", "false"]).optional(),
    // Multiplies every rate limit (lib/server/rate-limits.ts): load tests and e2e runs make
    // hundreds of accounts and writes from one address in minutes.
    JOTBOARD_RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
    // Where the client's address comes from (sign-in limits): a header a trusted edge writes
    // over whatever the client sent, or else the X-Forwarded-For entry this many trusted proxies
    // left of the rightmost one, which the app's own server appends (scripts/serve.ts).
    JOTBOARD_CLIENT_ADDRESS_HEADER: z
      .string()
      .regex(/^[a-z0-9-]+$/, "a lower-case header name")
      .optional(),
    JOTBOARD_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // "1": log every DynamoDB request's consumed capacity (lib/db/capacity-log.ts), for the bench.
    JOTBOARD_CAPACITY_LOG: z.enum(["0", "1"]).default("0"),
    // Live updates (lib/realtime): the local broker's WebSocket address (set by the launcher), or
    // on AWS the IoT endpoint and custom authorizer of `sst.aws.Realtime` (set by sst.config.ts).
    JOTBOARD_REALTIME_URL: z.url({ protocol: /^wss?$/ }).optional(),
    JOTBOARD_REALTIME_ENDPOINT: z
      .string()
      .regex(/^[a-z0-9.-]+$/, "a host name")
      .optional(),
    JOTBOARD_REALTIME_AUTHORIZER: z
      .string()
      .regex(/^[\w-]+$/, "an IoT authorizer name")
      .optional(),
    // One IoT endpoint serves every app and stage of an account: topics start with app/stage.
    JOTBOARD_REALTIME_TOPIC_PREFIX: z
      .string()
      .regex(/^[\w.-]+(\/[\w.-]+)*$/, "topic levels of letters, digits, _ . -")
      .default("jotboard/local"),
    // Mail (lib/mail): locally the launcher's catcher (SMTP URL and the folder it writes), on AWS
    // SES through the linked `sst.aws.Email`. Links in mails use JOTBOARD_APP_URL, never the
    // request's Host header (which a client chooses: reset-link poisoning).
    JOTBOARD_SMTP_URL: z.url({ protocol: /^smtp$/ }).optional(),
    JOTBOARD_MAIL_DIR: z.string().min(1).optional(),
    JOTBOARD_MAIL_FROM: z.string().min(3).optional(),
    JOTBOARD_APP_URL: z
      .union([z.literal(""), z.url({ protocol: /^https?$/ })])
      .optional()
      .transform((value) => value || undefined),
    // The origins people use the app at (comma-separated, e.g. https://jotboard.example): passkeys
    // are bound to one, and a request naming another host is refused. Locally, unset allows any
    // http://localhost port.
    JOTBOARD_ORIGINS: z
      .string()
      .transform((value) =>
        value
          .split(",")
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ })))
      .optional(),
    SST_RESOURCE_App: z.string().optional(),
    SST_KEY_FILE: z.string().optional(),
  })
  .transform((raw, ctx) => {
    const linkedBySst = Boolean(raw.SST_RESOURCE_App || raw.SST_KEY_FILE);
    const cloud = raw.JOTBOARD_CLOUD ?? (linkedBySst ? "aws" : "local");
    if (cloud === "local" && (!raw.JOTBOARD_DYNAMODB_ENDPOINT || !raw.JOTBOARD_S3_ENDPOINT)) {
      ctx.addIssue({
        code: "custom",
        message:
          "The local cloud is not running: start the app with `npm run dev` or `npm start`, which set JOTBOARD_DYNAMODB_ENDPOINT and JOTBOARD_S3_ENDPOINT",
      });
      return z.NEVER;
    }
    if (raw.NODE_ENV === "production" && cloud === "aws" && !raw.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", message: "AUTH_SECRET is required in production" });
      return z.NEVER;
    }
    return {
      nodeEnv: raw.NODE_ENV,
      cloud,
      region: raw.AWS_REGION,
      dynamoEndpoint: cloud === "local" ? raw.JOTBOARD_DYNAMODB_ENDPOINT : undefined,
      s3Endpoint: cloud === "local" ? raw.JOTBOARD_S3_ENDPOINT : undefined,
      tablePrefix: raw.JOTBOARD_TABLE_PREFIX,
      bucket: raw.JOTBOARD_BUCKET,
      authSecret: raw.AUTH_SECRET,
      clientAddress: {
        header: raw.JOTBOARD_CLIENT_ADDRESS_HEADER,
        trustedProxyHops: raw.JOTBOARD_TRUSTED_PROXY_HOPS,
      },
      // Locally the app is reached directly; on AWS only behind CloudFront, which sets the host.
      rateLimitScale: raw.JOTBOARD_RATE_LIMIT_SCALE,
      trustHost: raw.AUTH_TRUST_HOST ? raw.AUTH_TRUST_HOST === "true" : cloud === "local",
      realtime: realtimeConfig(raw, cloud),
      logCapacity: raw.JOTBOARD_CAPACITY_LOG === "1",
      mail: mailConfig(raw, cloud),
      ...siteAddresses({ appUrl: raw.JOTBOARD_APP_URL, origins: raw.JOTBOARD_ORIGINS }, cloud),
    };
  });

export type Env = z.output<typeof envSchema>;

export type RealtimeConfig =
  | {
      readonly kind: "local";
      readonly url: string;
      readonly topicPrefix: string;
      readonly secret: string;
    }
  | {
      readonly kind: "aws";
      readonly endpoint: string;
      readonly authorizer: string;
      readonly topicPrefix: string;
      /** Only the app signs tokens; the Lambdas that merely publish get no secret. */
      readonly secret: string | undefined;
    };

/**
 * Live updates are off (no pokes, no tokens) without a broker. Locally the secret is needed
 * both to sign browsers' tokens and the app's own publishing credential.
 */
function realtimeConfig(
  raw: {
    AUTH_SECRET?: string;
    JOTBOARD_REALTIME_URL?: string;
    JOTBOARD_REALTIME_ENDPOINT?: string;
    JOTBOARD_REALTIME_AUTHORIZER?: string;
    JOTBOARD_REALTIME_TOPIC_PREFIX: string;
  },
  cloud: "local" | "aws",
): RealtimeConfig | undefined {
  const secret = raw.AUTH_SECRET;
  const topicPrefix = raw.JOTBOARD_REALTIME_TOPIC_PREFIX;
  if (cloud === "local" && raw.JOTBOARD_REALTIME_URL && secret) {
    return { kind: "local", url: raw.JOTBOARD_REALTIME_URL, topicPrefix, secret };
  }
  const { JOTBOARD_REALTIME_ENDPOINT: endpoint, JOTBOARD_REALTIME_AUTHORIZER: authorizer } = raw;
  if (cloud === "aws" && endpoint && authorizer) {
    return { kind: "aws", endpoint, authorizer, topicPrefix, secret };
  }
  return undefined;
}

export type MailConfig =
  | {
      readonly kind: "smtp";
      readonly url: string;
      readonly dir: string | undefined;
      readonly from: string;
    }
  | { readonly kind: "ses"; readonly from: string | undefined }
  | undefined;

/** SMTP to the local catcher, SES on AWS; none (mail refused with a clear error) otherwise. */
function mailConfig(
  raw: { JOTBOARD_SMTP_URL?: string; JOTBOARD_MAIL_DIR?: string; JOTBOARD_MAIL_FROM?: string },
  cloud: "local" | "aws",
): MailConfig {
  if (cloud === "local" && raw.JOTBOARD_SMTP_URL) {
    return {
      kind: "smtp",
      url: raw.JOTBOARD_SMTP_URL,
      dir: raw.JOTBOARD_MAIL_DIR,
      from: raw.JOTBOARD_MAIL_FROM ?? "Jotboard <no-reply@jotboard.localhost>",
    };
  }
  if (cloud === "aws") return { kind: "ses", from: raw.JOTBOARD_MAIL_FROM };
  return undefined;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid configuration: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Production builds register the service worker; `next dev` has none to register. */
export function isProductionBuild(): boolean {
  return process.env.NODE_ENV === "production";
}
