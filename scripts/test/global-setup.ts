import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startLocalCloud } from "../local-cloud";

/** One in-memory local cloud per test run; each test file makes its own tables and bucket on it. */
export default async function setup(project: TestProject) {
  // Signs and verifies live-update tokens between the test files and the run's MQTT broker.
  const authSecret = randomBytes(32).toString("base64url");
  const cloud = await startLocalCloud({
    dynamoPort: 0,
    s3Port: 0,
    realtimePort: 0,
    authSecret,
    tablePrefix: "setup-",
    bucket: "jotboard-test",
    allowedOrigins: ["http://localhost"],
  });
  project.provide("localCloud", {
    dynamoEndpoint: cloud.dynamoEndpoint,
    s3Endpoint: cloud.s3Endpoint,
    realtimeUrl: cloud.realtimeUrl,
    smtpUrl: cloud.smtpUrl,
    mailDir: cloud.mailDir,
    authSecret,
  });
  return () => cloud.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    localCloud: {
      dynamoEndpoint: string;
      s3Endpoint: string;
      realtimeUrl: string;
      smtpUrl: string;
      mailDir: string;
      authSecret: string;
    };
  }
}
