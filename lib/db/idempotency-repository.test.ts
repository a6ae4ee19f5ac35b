import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  idempotencyLeaseSeconds,
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
    expect(await claimIdempotencyKey(db, "u1", key, "PATCH /api/notes/1")).toMatchObject({
      state: "claimed",
    });
    expect(await claimIdempotencyKey(db, "u1", key, "PATCH /api/notes/1")).toMatchObject({
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
    expect(await claimIdempotencyKey(db, "u2", key, "PATCH /api/notes/1")).toMatchObject({
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
    const claim = await claimIdempotencyKey(cloud.database, "u4", key, "POST /api/tasks");
    if (claim.state !== "claimed") throw new Error("unclaimed");
    await releaseIdempotencyKey(cloud.database, "u4", key, claim.token);
    expect(await claimIdempotencyKey(cloud.database, "u4", key, "POST /api/tasks")).toMatchObject({
      state: "claimed",
    });
  });

  it("leases a pending key briefly: a repeat waits, a claim after the lease takes over", async () => {
    const key = ulid();
    const db = cloud.database;
    const start = Date.parse("2026-11-23T10:00:00.000Z");
    const at = (seconds: number) => ({ now: start + seconds * 1000 });
    const claimed = await claimIdempotencyKey(db, "u5", key, "POST /api/tasks", at(0));
    expect(claimed.state).toBe("claimed");
    // Still in its lease: the repeat is told how long to wait.
    expect(await claimIdempotencyKey(db, "u5", key, "POST /api/tasks", at(10))).toEqual({
      state: "in-progress",
      retryAfterSeconds: idempotencyLeaseSeconds - 10,
    });
    // The first request crashed: past its lease the key is taken over, not stuck for a day.
    const takeover = await claimIdempotencyKey(
      db,
      "u5",
      key,
      "POST /api/tasks",
      at(idempotencyLeaseSeconds + 1),
    );
    expect(takeover.state).toBe("claimed");
    // Another request's key stays refused, lease or not.
    expect(
      (
        await claimIdempotencyKey(
          db,
          "u5",
          key,
          "DELETE /api/tasks",
          at(idempotencyLeaseSeconds * 3),
        )
      ).state,
    ).toBe("mismatch");
    // The crashed request releasing late does not free the key of the one that took over.
    if (claimed.state !== "claimed" || takeover.state !== "claimed") throw new Error("unclaimed");
    await releaseIdempotencyKey(db, "u5", key, claimed.token);
    expect(
      (await claimIdempotencyKey(db, "u5", key, "POST /api/tasks", at(idempotencyLeaseSeconds + 2)))
        .state,
    ).toBe("in-progress");
  });

  it("grants an expired lease to exactly one of many racing takeovers", async () => {
    const key = ulid();
    const start = Date.parse("2026-11-23T10:00:00.000Z");
    await claimIdempotencyKey(cloud.database, "u6", key, "POST /api/notes", { now: start });
    const later = { now: start + (idempotencyLeaseSeconds + 5) * 1000 };
    const claims = await Promise.all(
      Array.from({ length: 10 }, () =>
        claimIdempotencyKey(cloud.database, "u6", key, "POST /api/notes", later),
      ),
    );
    expect(claims.filter((claim) => claim.state === "claimed")).toHaveLength(1);
  });
});
