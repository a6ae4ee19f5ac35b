import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestCloud } from "@/lib/testing/cloud";
import { countingStream } from "@/lib/testing/counting-stream";

describe("the Auth.js route reads bodies through a byte cap", () => {
  let POST: (request: NextRequest) => Promise<Response>;

  beforeAll(async () => {
    const cloud = await createTestCloud();
    for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
    vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");
    ({ POST } = await import("@/app/api/auth/[...nextauth]/route"));
  });

  const post = (path: string, body: ReadableStream<Uint8Array>, type: string) =>
    POST(
      new NextRequest(`http://localhost:3000/api/auth/${path}`, {
        method: "POST",
        headers: { "content-type": type },
        body,
        duplex: "half",
      } as ConstructorParameters<typeof NextRequest>[1]),
    );

  it("stops a signed-out chunked upload (no Content-Length) near 8 KB with a 413", async () => {
    const { stream, counter } = countingStream(48 * 1024 * 1024, 4 * 1024);
    const response = await post(
      "callback/credentials",
      stream,
      "application/x-www-form-urlencoded",
    );
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(8 * 1024 + 2 * 4 * 1024);
  });

  it("hands a small streamed form on to Auth.js whole", async () => {
    const form = new TextEncoder().encode("csrfToken=forged&email=a%40b.test&password=x");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(form.slice(0, 10));
        controller.enqueue(form.slice(10));
        controller.close();
      },
    });
    const response = await post("callback/credentials", body, "application/x-www-form-urlencoded");
    // Auth.js parsed it and refused the forged CSRF token: a redirect to its error page.
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/error=MissingCSRF/);
  });
});
