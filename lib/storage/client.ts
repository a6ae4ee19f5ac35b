import { S3Client } from "@aws-sdk/client-s3";
import type { Env } from "@/lib/env";

export interface StorageConfig {
  readonly region: string;
  /** Set for the local S3 server; unset on AWS. */
  readonly endpoint?: string;
}

// The credentials s3rver checks signatures against.
const localCredentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/**
 * The SDK addresses bucket-level operations (ListObjectsV2, GetBucketCors…) as `/bucket/` in
 * path style, but s3rver canonicalises them as `/bucket` and rejects the signature. Sending
 * `/bucket` is equivalent for S3 and lets the local server verify it; only local clients get it.
 */
function addLocalBucketPathFix(client: S3Client): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: unknown };
      if (typeof request.path === "string" && /^\/[^/]+\/$/.test(request.path)) {
        request.path = request.path.slice(0, -1);
      }
      return next(args);
    },
    { step: "build", name: "localBucketPath" },
  );
}

export function createStorageClient(config: StorageConfig): S3Client {
  const client = new S3Client({
    region: config.region,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 10_000 },
    ...(config.endpoint && {
      endpoint: config.endpoint,
      credentials: localCredentials,
      forcePathStyle: true,
      // s3rver predates the SDK's default CRC checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    }),
  });
  if (config.endpoint) addLocalBucketPathFix(client);
  return client;
}

export function storageConfigFromEnv(config: Env): StorageConfig {
  return { region: config.region, endpoint: config.s3Endpoint };
}
