import type { TestProject } from "vitest/node";
import { startLocalCloud } from "../local-cloud";

/** One in-memory local cloud per test run; each test file makes its own tables and bucket on it. */
export default async function setup(project: TestProject) {
  const cloud = await startLocalCloud({
    dynamoPort: 0,
    s3Port: 0,
    tablePrefix: "setup-",
    bucket: "jotboard-test",
    allowedOrigins: ["http://localhost"],
  });
  project.provide("localCloud", {
    dynamoEndpoint: cloud.dynamoEndpoint,
    s3Endpoint: cloud.s3Endpoint,
  });
  return () => cloud.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    localCloud: { dynamoEndpoint: string; s3Endpoint: string };
  }
}
