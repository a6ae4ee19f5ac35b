import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from "@/lib/db/idempotency-repository";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

describe("idempotency keys in DynamoDB", () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await createTestCloud();
  });

  it("lets one request run, hands its response to repeats, and refuses another request's key", async () => {
    const key = ulid();
    const db = cloud.database;
    expect(await claimIdempotencyKey(db, "u1", key, "PATCH /api/notes/1")).toEqual({
      state: "claimed",
    });
    expect(await claimIdempotencyKey(db, "u1", key, "PATCH /api/notes/1")).toEqual({
      state: "in-progress",
    });
    await completeIdempotencyKey(db, "u1", key, { status: 200, body: '{"version":2}' });
    expect(await claimIdempotencyKey(db, "u1", key, "PATCH /api/notes/1")).toEqual({
      state: "done",
      status: 200,
      body: '{"version":2}',
    });
    expect(await claimIdempotencyKey(db, "u1", key, "DELETE /api/notes/1")).toEqual({
      state: "mismatch",
    });
    // Keys are per user: the same key from someone else is a different request.
    expect(await claimIdempotencyKey(db, "u2", key, "PATCH /api/notes/1")).toEqual({
      state: "claimed",
    });
  });

  it("grants a key to exactly one of many racing requests", async () => {
    const key = ulid();
    const claims = await Promise.all(
      Array.from({ length: 20 }, () =>
        claimIdempotencyKey(cloud.database, "u3", key, "POST /api/notes"),
      ),
    );
    expect(claims.filter((claim) => claim.state === "claimed")).toHaveLength(1);
  });

  it("frees a key after a failure so a retry can run", async () => {
    const key = ulid();
    await claimIdempotencyKey(cloud.database, "u4", key, "POST /api/tasks");
    await releaseIdempotencyKey(cloud.database, "u4", key);
    expect(await claimIdempotencyKey(cloud.database, "u4", key, "POST /api/tasks")).toEqual({
      state: "claimed",
    });
  });
});
