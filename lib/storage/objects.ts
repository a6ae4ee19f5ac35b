import { DeleteObjectsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { bucketDefinition } from "@/lib/db/schema";
import type { Storage } from "@/lib/storage/runtime";

/** The prefixes under which every object of one user lives: kept files and pending uploads. */
export function userPrefixes(userId: string): string[] {
  return [bucketDefinition.keyPrefix, bucketDefinition.uploadPrefix].map(
    (prefix) => `${prefix}${userId}/`,
  );
}

/** Deletes every object under a prefix, a listing page (up to 1,000 keys) at a time. */
export async function deleteObjectsWithPrefix(storage: Storage, prefix: string): Promise<number> {
  let deleted = 0;
  let continuationToken: string | undefined;
  do {
    const page = await storage.client.send(
      new ListObjectsV2Command({
        Bucket: storage.bucket,
        Prefix: prefix,
        ContinuationToken: continuationToken,
      }),
    );
    const keys = (page.Contents ?? []).flatMap((object) =>
      object.Key ? [{ Key: object.Key }] : [],
    );
    if (keys.length > 0) {
      await storage.client.send(
        new DeleteObjectsCommand({
          Bucket: storage.bucket,
          Delete: { Objects: keys, Quiet: true },
        }),
      );
      deleted += keys.length;
    }
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
  return deleted;
}

export async function listObjectKeys(storage: Storage, prefix: string): Promise<string[]> {
  const page = await storage.client.send(
    new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: prefix }),
  );
  return (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
}
