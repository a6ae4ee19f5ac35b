import { createServer } from "node:net";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

async function callHealth(env: Record<string, string>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  const { GET } = await import("@/app/api/health/route");
  const response = await GET();
  return { status: response.status, body: await response.json() };
}

describe("GET /api/health", () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await createTestCloud();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("answers 200 when DynamoDB and S3 are up", async () => {
    const { status, body } = await callHealth(cloud.env);
    expect(body.s3).toEqual({ status: "up" });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      down: [],
      dynamodb: { status: "up" },
      s3: { status: "up" },
    });
  });

  it("answers 503 naming DynamoDB when it is down", async () => {
    const port = await closedPort();
    const { status, body } = await callHealth({
      ...cloud.env,
      JOTBOARD_DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`,
    });
    expect(status).toBe(503);
    expect(body).toMatchObject({ down: ["dynamodb"], s3: { status: "up" } });
  });

  it("answers 503 naming S3 when its bucket is missing", async () => {
    const { status, body } = await callHealth({ ...cloud.env, JOTBOARD_BUCKET: "no-such-bucket" });
    expect(status).toBe(503);
    expect(body).toMatchObject({ down: ["s3"], dynamodb: { status: "up" } });
  });
});
