/**
 * Faults: the backing services die mid-run. A dedicated local cloud keeps DynamoDB Local's data
 * in a temp folder so it survives a crash and restart on the same port; an S3 server of this
 * file's own (the same s3rver the local cloud embeds) is stopped and restarted on its port and
 * folder. Requests must fail fast with a clear 503, nothing may be half-written, and the same
 * route modules (the same SDK clients) must serve again once the service is back, with every
 * acknowledged write present.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "@20minutes/s3rver";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createDocumentClient } from "@/lib/db/client";
import { createNote, getNote, listAllNoteIds } from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import { createUser, getUser } from "@/lib/db/users-repository";
import {
  type CallResult,
  call,
  findRoute,
  loadRouteHandlers,
  type RouteHandler,
  snapshotUser,
} from "@/lib/reliability/harness";
import { createStorageClient } from "@/lib/storage/client";
import { localCorsXml } from "@/lib/storage/local-bucket";
import { assertLoopbackUrl } from "@/lib/testing/loopback";
import { session } from "@/lib/testing/session-mock";
import { type LocalCloud, LocalCloudError, startLocalCloud } from "@/scripts/local-cloud";

/** Generous: the clients give up after about 2 s (1 s connect timeout, 3 attempts). */
const failFastMs = 15_000;
const bucket = "faults-attachments";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Timed extends CallResult {
  readonly ms: number;
}

async function timed(promise: () => Promise<CallResult>): Promise<Timed> {
  const started = performance.now();
  const result = await promise();
  return { ...result, ms: performance.now() - started };
}

function expectClearOutage(result: Timed) {
  expect(result.status, result.text).toBe(503);
  expect((result.body.error as { message: string }).message).toMatch(/not reachable|try again/i);
  expect(result.ms).toBeLessThan(failFastMs);
}

describe("faults: storage outages mid-run", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "jotboard-faults-"));
  const s3Dir = mkdtempSync(path.join(tmpdir(), "jotboard-faults-s3-"));
  const clouds: LocalCloud[] = [];
  let s3: S3rver;
  let s3Port = 0;
  let dynamoPort = 0;
  let routes: RouteHandler[];
  let db: Database;
  let user: SessionUser;

  function startS3(port: number) {
    s3 = new S3rver({
      port,
      address: "127.0.0.1",
      directory: s3Dir,
      silent: true,
      configureBuckets: [{ name: bucket, configs: [localCorsXml(["http://localhost"])] }],
    });
    return s3.run();
  }

  async function stopS3() {
    const server = (s3 as unknown as { httpServer: import("node:http").Server }).httpServer;
    const closed = s3.close();
    server.closeAllConnections();
    await closed;
  }

  beforeAll(async () => {
    const cloud = await startLocalCloud({
      dataDir,
      dynamoPort: 0,
      s3Port: 0,
      tablePrefix: "faults-",
      bucket,
      allowedOrigins: ["http://localhost"],
    });
    clouds.push(cloud);
    dynamoPort = Number(new URL(cloud.dynamoEndpoint).port);
    s3Port = (await startS3(0)).port;
    const s3Endpoint = `http://127.0.0.1:${s3Port}`;
    assertLoopbackUrl(cloud.dynamoEndpoint, "DynamoDB");
    assertLoopbackUrl(s3Endpoint, "S3");

    vi.resetModules();
    for (const [key, value] of Object.entries({ ...cloud.env, JOTBOARD_S3_ENDPOINT: s3Endpoint })) {
      vi.stubEnv(key, value);
    }
    routes = await loadRouteHandlers();
    // The test's own client, for setup and checks; the routes keep their own throughout.
    db = {
      client: createDocumentClient({ region: "us-east-1", endpoint: cloud.dynamoEndpoint }),
      tables: cloud.names.tables,
    };
    const created = await createUser(db, {
      email: `faults-${ulid()}@example.test`,
      displayName: "Faults",
      passwordHash: "h",
    });
    user = { userId: created.userId, email: created.email, displayName: "Faults" };
  }, 90_000);

  afterAll(async () => {
    session.user = null;
    vi.unstubAllEnvs();
    db?.client.destroy();
    await Promise.allSettled([...clouds.map((cloud) => cloud.stop()), stopS3()]);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(s3Dir, { recursive: true, force: true });
  });

  it("DynamoDB Local crashes during writes: fast 503s, no half-writes, recovery with the same clients, no lost acknowledged write", async () => {
    session.user = user;
    const post = findRoute(routes, "POST /app/api/notes/route.ts");
    const get = findRoute(routes, "GET /app/api/notes/[noteId]/route.ts");
    const results: (Timed & { title: string })[] = [];
    let killed = false;
    let done = false;
    let failuresAfterKill = 0;

    const writer = async (id: number) => {
      for (let index = 0; index < 400 && !done; index++) {
        const title = `w${id}-${index}`;
        const result = await timed(() => call(post, "POST", { body: { title } }));
        results.push({ ...result, title });
        if (killed && result.status !== 201) failuresAfterKill++;
      }
    };
    const writers = [1, 2, 3].map(writer);
    const deadline = Date.now() + 30_000;
    while (results.filter((result) => result.status === 201).length < 15 && Date.now() < deadline) {
      await sleep(20);
    }
    const javaPid = clouds[0]?.javaPid;
    expect(javaPid).toBeDefined();
    // DynamoDB Local answers a TransactWriteItems before its COMMIT has run: it queues the
    // COMMIT on its one SQLite thread and returns (SQLiteDBAccess.commitTransaction does not
    // wait for the job), so a JVM stopped right after an answer can lose that transaction, more
    // often on a loaded machine. DynamoDB itself commits before it answers. What DynamoDB Local
    // does guarantee: every request runs on that one queue in order, so once a request sent
    // after an answer is answered, the COMMIT queued before it has run and is on disk. Such a
    // request, then the stop at once, writers still running: every write acknowledged before
    // it must survive; the few acknowledged in between are DynamoDB Local's to lose.
    const durable = results.filter((result) => result.status === 201);
    await getUser(db, user.userId);
    // SIGTERM, an abrupt stop of the server (not of the machine).
    process.kill(javaPid as number, "SIGTERM");
    killed = true;
    while (failuresAfterKill < 6 && Date.now() < deadline) await sleep(50);
    done = true;
    await Promise.all(writers);

    const refused = results.filter((result) => result.status !== 201);
    expect(durable.length).toBeGreaterThanOrEqual(15);
    expect(refused.length).toBeGreaterThanOrEqual(6);
    for (const result of refused) expectClearOutage(result);
    // Reads fail the same way while it is down.
    const ackedId = String(durable[0]?.body.noteId);
    expectClearOutage(await timed(() => call(get, "GET", { params: { noteId: ackedId } })));

    // Back on the same port and data folder (the port may take a moment to be released).
    let restarted: LocalCloud | undefined;
    for (let attempt = 0; !restarted && attempt < 50; attempt++) {
      try {
        restarted = await startLocalCloud({
          dataDir,
          dynamoPort,
          s3Port: 0,
          tablePrefix: "faults-",
          bucket,
          allowedOrigins: ["http://localhost"],
        });
      } catch (error) {
        if (!(error instanceof LocalCloudError)) throw error;
        await sleep(200);
      }
    }
    expect(restarted).toBeDefined();
    clouds.push(restarted as LocalCloud);

    // The same route modules, the same SDK clients: the very next request succeeds.
    const after = await call(post, "POST", { body: { title: "after the restart" } });
    expect(after.status, after.text).toBe(201);
    const read = await call(get, "GET", { params: { noteId: ackedId } });
    expect(read.status).toBe(200);

    // Every write acknowledged before the crash (see `durable` above) survived it.
    const stored = new Set(await listAllNoteIds(db, user.userId));
    const lost = [...durable, { body: after.body, ms: 0 }]
      .filter((result) => !stored.has(String(result.body.noteId)))
      .map((result) => `${String(result.body.title)} after ${Math.round(result.ms)} ms`);
    expect(lost).toEqual([]);
    // Nothing half-written: the counter moved in the same transaction as each item.
    const snapshot = await snapshotUser(db, undefined, user.userId);
    expect((await getUser(db, user.userId))?.counts.notes).toBe(snapshot.notes.length);
    for (const item of snapshot.notes) {
      expect(item).toMatchObject({ version: 1, listKey: expect.stringMatching(/^live#/) });
    }
  }, 120_000);

  it("the S3 server stops during uploads: fast 503s, the note unchanged, no dangling attachment", async () => {
    session.user = user;
    const storage = {
      client: createStorageClient({ region: "us-east-1", endpoint: `http://127.0.0.1:${s3Port}` }),
      bucket,
    };
    const presign = findRoute(routes, "POST /app/api/notes/[noteId]/attachments/route.ts");
    const confirm = findRoute(
      routes,
      "POST /app/api/notes/[noteId]/attachments/[attachmentId]/route.ts",
    );
    const remove = findRoute(
      routes,
      "DELETE /app/api/notes/[noteId]/attachments/[attachmentId]/route.ts",
    );
    const { note } = await createNote(db, user.userId, {
      title: "With files",
      content: "",
      pinned: false,
      tags: [],
    });
    const params = { noteId: note.noteId };
    const file = { name: "report.pdf", size: 64 * 1024, contentType: "application/pdf" };
    const body = Buffer.alloc(file.size, 7);

    // One attachment in place before the outage.
    const kept = await call(presign, "POST", { params, body: file });
    const keptUpload = kept.body.upload as { url: string; headers: Record<string, string> };
    const keptId = String(kept.body.attachmentId);
    expect(
      (await fetch(keptUpload.url, { method: "PUT", headers: keptUpload.headers, body })).ok,
    ).toBe(true);
    expect(
      (await call(confirm, "POST", { params: { ...params, attachmentId: keptId }, body: file }))
        .status,
    ).toBe(200);

    // Uploaded to S3, then S3 stops before the confirm.
    const late = await call(presign, "POST", { params, body: file });
    const lateUpload = late.body.upload as { url: string; headers: Record<string, string> };
    const lateId = String(late.body.attachmentId);
    expect(
      (await fetch(lateUpload.url, { method: "PUT", headers: lateUpload.headers, body })).ok,
    ).toBe(true);
    // Presigned, then S3 stops before the upload itself.
    const early = await call(presign, "POST", { params, body: file });
    const earlyUpload = early.body.upload as { url: string; headers: Record<string, string> };
    const earlyId = String(early.body.attachmentId);

    const before = await getNote(db, user.userId, note.noteId);
    expect(before?.attachments.map((attachment) => attachment.attachmentId)).toEqual([keptId]);

    await stopS3();
    await expect(
      fetch(earlyUpload.url, { method: "PUT", headers: earlyUpload.headers, body }),
    ).rejects.toThrow();
    for (const attachmentId of [lateId, earlyId]) {
      expectClearOutage(
        await timed(() =>
          call(confirm, "POST", { params: { ...params, attachmentId }, body: file }),
        ),
      );
    }
    expectClearOutage(
      await timed(() =>
        call(remove, "DELETE", { params: { ...params, attachmentId: keptId }, body: {} }),
      ),
    );
    expect(await getNote(db, user.userId, note.noteId)).toEqual(before);

    await startS3(s3Port);
    const keysUnderNote = async () =>
      (await snapshotUser(db, storage, user.userId)).objects
        .map((object) => object.key)
        .filter((key) => key.includes(note.noteId))
        .sort();
    // No dangling reference: every attachment the note lists is in S3. The one upload that
    // reached S3 but never joined stays for the client's retry of the confirm (on AWS its
    // presigned PUT tagged it pending, so the lifecycle rule expires it if no retry comes; the
    // local s3rver ignores the x-amz-tagging header, so the tag is not checked here). The upload
    // that never arrived left nothing.
    const keptKeys = before?.attachments.map((attachment) => attachment.key) ?? [];
    const left = await keysUnderNote();
    expect(left.filter((key) => !keptKeys.includes(key))).toEqual([
      expect.stringContaining(lateId),
    ]);
    expect(keptKeys.filter((key) => !left.includes(key))).toEqual([]);

    // The same clients serve again: the late upload can now be confirmed, the early one is
    // refused as incomplete (a 4xx, not an outage).
    const confirmed = await call(confirm, "POST", {
      params: { ...params, attachmentId: lateId },
      body: file,
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    const incomplete = await call(confirm, "POST", {
      params: { ...params, attachmentId: earlyId },
      body: file,
    });
    expect(incomplete.status).toBe(400);
    // Afterwards S3 holds exactly what the note lists: nothing dangling either way.
    const final = await getNote(db, user.userId, note.noteId);
    expect(final?.attachments.map((attachment) => attachment.attachmentId)).toEqual([
      keptId,
      lateId,
    ]);
    expect(await keysUnderNote()).toEqual(
      (final?.attachments.map((attachment) => attachment.key) ?? []).sort(),
    );
    storage.client.destroy();
  }, 60_000);
});
