import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

/**
 * Resolves when the bucket answers; rejects with the SDK's error otherwise. A one-key listing
 * rather than HeadBucket, whose signature the local S3 server rejects.
 */
export async function pingBucket(client: S3Client, bucket: string): Promise<void> {
  await client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }));
}
