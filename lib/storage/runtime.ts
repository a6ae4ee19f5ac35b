import "server-only";
import type { S3Client } from "@aws-sdk/client-s3";
import { env } from "@/lib/env";
import { resourceNames } from "@/lib/resources";
import { createStorageClient, storageConfigFromEnv } from "@/lib/storage/client";

export interface Storage {
  readonly client: S3Client;
  readonly bucket: string;
}

let storage: Storage | undefined;

/** The process-wide S3 client and bucket name, built from the environment on first use. */
export function getStorage(): Storage {
  storage ??= {
    client: createStorageClient(storageConfigFromEnv(env())),
    bucket: resourceNames(env()).bucket,
  };
  return storage;
}
