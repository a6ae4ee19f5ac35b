import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, resolveChromium } from "./e2e/chromium";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// Known ports for the e2e run's local cloud, so tests can check what reached S3 and DynamoDB.
export const e2eCloud = {
  dynamoPort: Number(process.env.E2E_DYNAMODB_PORT ?? 8101),
  s3Port: Number(process.env.E2E_S3_PORT ?? 4569),
  bucket: "jotboard-attachments",
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: resolveChromium(), args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // The production build on its own in-memory local cloud.
    // Idle sockets outlive any test, so a request after a pause never reuses one the server
    // is closing (ECONNRESET).
    command: `npm run build && tsx scripts/with-local-cloud.ts --ephemeral -- tsx scripts/serve.ts --port ${port} --keepAliveTimeout 120000`,
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(port),
      JOTBOARD_DYNAMODB_PORT: String(e2eCloud.dynamoPort),
      JOTBOARD_S3_PORT: String(e2eCloud.s3Port),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      // Dozens of sign-ups from 127.0.0.1 in minutes; the limits stay on, with room for the suite.
      JOTBOARD_RATE_LIMIT_SCALE: "50",
    },
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
