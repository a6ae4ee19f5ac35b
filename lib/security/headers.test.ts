import { describe, expect, it, vi } from "vitest";
import {
  contentSecurityPolicy,
  realtimeOrigins,
  staticSecurityHeaders,
  storageOrigins,
} from "@/lib/security/headers";
import { presignDownload, presignUpload } from "@/lib/storage/attachments";
import { createStorageClient } from "@/lib/storage/client";

describe("security headers", () => {
  it("allows scripts only with the nonce, never inline, and forbids framing", () => {
    const csp = contentSecurityPolicy({
      nonce: "abc",
      storageOrigins: ["http://127.0.0.1:4568"],
      development: false,
    });
    const scriptSrc = csp.split("; ").find((directive) => directive.startsWith("script-src"));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4568");
  });

  it("lets pages open the live-update WebSocket to the broker alone, only for connections", () => {
    const local = realtimeOrigins({
      kind: "local",
      url: "ws://127.0.0.1:1884",
      topicPrefix: "jotboard/local",
      secret: "s",
    });
    const aws = realtimeOrigins({
      kind: "aws",
      endpoint: "abc-ats.iot.eu-west-1.amazonaws.com",
      authorizer: "Auth",
      topicPrefix: "jotboard/prod",
      secret: "s",
    });
    expect([local, aws, realtimeOrigins(undefined)]).toEqual([
      ["ws://127.0.0.1:1884"],
      ["wss://abc-ats.iot.eu-west-1.amazonaws.com"],
      [],
    ]);
    const csp = contentSecurityPolicy({
      nonce: "n",
      storageOrigins: ["http://127.0.0.1:4568"],
      realtimeOrigins: local,
      development: false,
    });
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4568 ws://127.0.0.1:1884;");
    expect(csp).not.toMatch(/img-src[^;]*ws:/);
  });

  it("allows images from other sites only on a page that asks for them", () => {
    const base = { nonce: "n", storageOrigins: ["http://127.0.0.1:4568"], development: false };
    const imgSrc = (csp: string) => csp.split("; ").find((each) => each.startsWith("img-src"));
    expect(imgSrc(contentSecurityPolicy(base))).toBe(
      "img-src 'self' data: blob: http://127.0.0.1:4568",
    );
    expect(imgSrc(contentSecurityPolicy({ ...base, remoteImages: true }))).toBe(
      "img-src 'self' data: blob: http://127.0.0.1:4568 https:",
    );
  });

  it("names the bucket's endpoints on AWS and the local server otherwise", () => {
    expect(
      storageOrigins({
        cloud: "local",
        s3Endpoint: "http://127.0.0.1:4568/",
        region: "eu-west-1",
        bucket: "b",
      }),
    ).toEqual(["http://127.0.0.1:4568"]);
    expect(storageOrigins({ cloud: "aws", region: "eu-west-1", bucket: "b" })).toEqual([
      "https://b.s3.eu-west-1.amazonaws.com",
    ]);
  });

  it("on AWS allows exactly the host the SDK presigns uploads and downloads to", async () => {
    // Presigning is local computation: no request leaves the machine; any key signs.
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEEXAMPLE00");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "example-secret");
    for (const region of ["eu-west-1", "us-east-1"]) {
      const bucket = "jotboard-prod-attachmentsbucket-a1b2c3";
      const client = createStorageClient({ region });
      const storage = { client, bucket };
      const upload = await presignUpload(storage, {
        key: "private/u/n/a/f.txt",
        size: 5,
        contentType: "text/plain",
      });
      const download = await presignDownload(
        storage,
        { key: "private/u/n/a/f.txt", name: "f.txt", contentType: "text/plain" },
        false,
      );
      const allowed = storageOrigins({ cloud: "aws", region, bucket });
      expect(allowed).toEqual([new URL(upload.url).origin]);
      expect(allowed).toEqual([new URL(download).origin]);
      client.destroy();
    }
    vi.unstubAllEnvs();
  });

  it("sends HSTS only in production", () => {
    expect(staticSecurityHeaders(true).map((header) => header.key)).toContain(
      "Strict-Transport-Security",
    );
    expect(staticSecurityHeaders(false).map((header) => header.key)).not.toContain(
      "Strict-Transport-Security",
    );
  });
});
