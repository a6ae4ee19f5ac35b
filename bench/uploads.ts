/**
 * Benchmark 5: a 20 MB attachment through the app's presigned flow (request an upload, PUT to
 * the presigned URL, confirm) beside a direct SDK PutObject of the same bytes to the same S3
 * server. Runs alternate between the two so both see the same machine state.
 */
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { createStorageClient } from "@/lib/storage/client";
import type { AppUnderTest } from "./lib/app";
import { fixed, log, percentile, ratio, table } from "./lib/report";

const size = 20 * 1024 * 1024;
const runs = 3;

async function json(response: Response): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body)}`);
  return body;
}

export async function runUploadBench(app: AppUnderTest, cookie: string): Promise<string> {
  const headers = { cookie, "content-type": "application/json" };
  const bytes = Buffer.alloc(size, 0x5a);
  const storage = createStorageClient({ region: "us-east-1", endpoint: app.s3Endpoint });
  const timings = {
    request: [] as number[],
    put: [] as number[],
    confirm: [] as number[],
    total: [] as number[],
    direct: [] as number[],
  };
  const file = { name: "archive.zip", size, contentType: "application/zip" };

  for (let run = 0; run < runs; run++) {
    log(`uploads: run ${run + 1} of ${runs}`);
    const note = await json(
      await fetch(`${app.url}/api/notes`, {
        method: "POST",
        headers,
        body: JSON.stringify({ title: `Upload ${run}` }),
      }),
    );
    const noteId = String(note.noteId);

    const direct = async () => {
      const key = `private/bench-direct/${run}/archive.zip`;
      const started = performance.now();
      await storage.send(
        new PutObjectCommand({
          Bucket: app.bucket,
          Key: key,
          Body: bytes,
          ContentType: file.contentType,
          ContentLength: size,
        }),
      );
      timings.direct.push(performance.now() - started);
      await storage.send(new DeleteObjectCommand({ Bucket: app.bucket, Key: key }));
    };
    const viaApp = async () => {
      const started = performance.now();
      const requested = await json(
        await fetch(`${app.url}/api/notes/${noteId}/attachments`, {
          method: "POST",
          headers,
          body: JSON.stringify(file),
        }),
      );
      const afterRequest = performance.now();
      const upload = requested.upload as { url: string; headers: Record<string, string> };
      const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: bytes });
      if (!put.ok) throw new Error(`presigned PUT: ${put.status} ${await put.text()}`);
      const afterPut = performance.now();
      const confirmed = await json(
        await fetch(
          `${app.url}/api/notes/${noteId}/attachments/${String(requested.attachmentId)}`,
          {
            method: "POST",
            headers,
            body: JSON.stringify(file),
          },
        ),
      );
      const done = performance.now();
      if ((confirmed.attachments as unknown[]).length !== 1) throw new Error("not attached");
      timings.request.push(afterRequest - started);
      timings.put.push(afterPut - afterRequest);
      timings.confirm.push(done - afterPut);
      timings.total.push(done - started);
    };
    if (run % 2 === 0) {
      await viaApp();
      await direct();
    } else {
      await direct();
      await viaApp();
    }
  }
  storage.destroy();
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  const mbps = (ms: number) => fixed(size / 1024 / 1024 / (ms / 1000));
  return [
    "### 5. Uploads: 20 MB through the presigned flow vs a direct SDK PutObject",
    "",
    `Median of ${runs} runs each, alternating which goes first. App flow: POST /api/notes/{id}/attachments (presign), PUT the bytes to the presigned URL (fetch), POST …/attachments/{attachmentId} (HEAD check, server-side copy to the kept key, attach, delete the upload). Direct: the SDK's PutObject of the same 20 MB to the same s3rver.`,
    "",
    table(
      ["path", "presign ms", "PUT ms", "confirm ms", "total ms", "MB/s", "vs direct"],
      [
        [
          "app (presigned flow)",
          fixed(median(timings.request)),
          fixed(median(timings.put)),
          fixed(median(timings.confirm)),
          fixed(median(timings.total)),
          mbps(median(timings.total)),
          ratio(median(timings.total), median(timings.direct)),
        ],
        [
          "direct PutObject",
          "—",
          fixed(median(timings.direct)),
          "—",
          fixed(median(timings.direct)),
          mbps(median(timings.direct)),
          "1.00×",
        ],
      ],
    ),
    "",
  ].join("\n");
}
