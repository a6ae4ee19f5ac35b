import { GetBucketCorsCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

describe("storage client on the local S3 server", () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await createTestCloud();
  });

  it("lists objects under a prefix (bucket-level requests pass the signature check)", async () => {
    const { client, bucket } = cloud.storage;
    const prefix = `private/${cloud.env.JOTBOARD_TABLE_PREFIX}/`;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}a.txt`, Body: "a" }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}b.txt`, Body: "b" }));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([
      `${prefix}a.txt`,
      `${prefix}b.txt`,
    ]);
  });

  it("serves the CORS rules built from the bucket definition", async () => {
    const { client, bucket } = cloud.storage;
    const cors = await client.send(new GetBucketCorsCommand({ Bucket: bucket }));
    expect(cors.CORSRules?.[0]?.AllowedMethods).toEqual(["GET", "PUT", "HEAD"]);
  });
});
