import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

/**
 * Resolves when the bucket answers; rejects with the SDK's error otherwise. Lists a prefix that
 * holds nothing: as cheap as HeadBucket, and it never walks the users' folders.
 */
export async function pingBucket(client: S3Client, bucket: string): Promise<void> {
  await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "health/", MaxKeys: 1 }));
}
