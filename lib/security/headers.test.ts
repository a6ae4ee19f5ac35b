import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  staticSecurityHeaders,
  storageOrigins,
} from "@/lib/security/headers";

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
      "https://s3.eu-west-1.amazonaws.com",
    ]);
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
