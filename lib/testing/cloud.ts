import { randomBytes } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { inject } from "vitest";
import { ensureTables } from "@/lib/db/bootstrap";
import { createDocumentClient } from "@/lib/db/client";
import type { Database } from "@/lib/db/runtime";
import { localResourceNames } from "@/lib/resources";
import { createBucket } from "@/lib/storage/bootstrap";
import { createStorageClient } from "@/lib/storage/client";
import { assertLoopbackUrl } from "@/lib/testing/loopback";

export interface TestCloud {
  readonly database: Database;
  readonly storage: { readonly client: S3Client; readonly bucket: string };
  readonly endpoints: { readonly dynamodb: string; readonly s3: string; readonly realtime: string };
  /** Environment variables that point `lib/env.ts` at these tables. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Fresh tables and a fresh bucket on the run's local cloud, named so no other test file shares
 * them: test files run in parallel without seeing each other's data. Refuses anything but
 * loopback endpoints.
 */
export async function createTestCloud(): Promise<TestCloud> {
  const { dynamoEndpoint, s3Endpoint, realtimeUrl, smtpUrl, mailDir, authSecret } =
    inject("localCloud");
  assertLoopbackUrl(dynamoEndpoint, "DynamoDB");
  assertLoopbackUrl(s3Endpoint, "S3");
  const id = randomBytes(4).toString("hex");
  const tablePrefix = `t${id}-`;
  const bucket = `test-${id}`;
  const names = localResourceNames(tablePrefix, bucket);
  const client = createDocumentClient({ region: "us-east-1", endpoint: dynamoEndpoint });
  const storageClient = createStorageClient({ region: "us-east-1", endpoint: s3Endpoint });
  await Promise.all([
    ensureTables(client, names.tables),
    createBucket(storageClient, bucket, ["http://localhost"]),
  ]);
  return {
    database: { client, tables: names.tables },
    storage: { client: storageClient, bucket },
    endpoints: { dynamodb: dynamoEndpoint, s3: s3Endpoint, realtime: realtimeUrl },
    env: {
      JOTBOARD_CLOUD: "local",
      JOTBOARD_DYNAMODB_ENDPOINT: dynamoEndpoint,
      JOTBOARD_S3_ENDPOINT: s3Endpoint,
      JOTBOARD_TABLE_PREFIX: tablePrefix,
      JOTBOARD_BUCKET: bucket,
      // The run's MQTT broker verifies tokens signed with this secret (pokes after writes).
      JOTBOARD_REALTIME_URL: realtimeUrl,
      AUTH_SECRET: authSecret,
      // The run's mail catcher: mail tests read what was really sent (lib/mail/mailbox.ts).
      JOTBOARD_SMTP_URL: smtpUrl,
      JOTBOARD_MAIL_DIR: mailDir,
      JOTBOARD_APP_URL: "http://localhost:3000",
    },
  };
}
