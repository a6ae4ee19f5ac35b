import { CreateBucketCommand, PutBucketCorsCommand, type S3Client } from "@aws-sdk/client-s3";
import { bucketDefinition } from "@/lib/db/schema";

/** Creates a bucket with the definition's CORS rules (tests make one per file this way). */
export async function createBucket(client: S3Client, bucket: string, origins: readonly string[]) {
  const { cors } = bucketDefinition;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [...origins],
            AllowedMethods: [...cors.allowMethods],
            AllowedHeaders: [...cors.allowHeaders],
            ExposeHeaders: [...cors.exposeHeaders],
            MaxAgeSeconds: cors.maxAgeSeconds,
          },
        ],
      },
    }),
  );
}
