import { createStorageClient } from "@/lib/storage/client";
import { listObjectKeys } from "@/lib/storage/objects";
import { assertLoopbackUrl } from "@/lib/testing/loopback";
import { e2eCloud } from "../../playwright.config";

/** The object keys the e2e run's S3 server holds for one note. */
export async function storedObjectKeys(noteId: string): Promise<string[]> {
  const endpoint = `http://127.0.0.1:${e2eCloud.s3Port}`;
  assertLoopbackUrl(endpoint, "S3");
  const client = createStorageClient({ region: "us-east-1", endpoint });
  try {
    const keys = await listObjectKeys({ client, bucket: e2eCloud.bucket }, "private/");
    return keys.filter((key) => key.includes(`/${noteId}/`));
  } finally {
    client.destroy();
  }
}
