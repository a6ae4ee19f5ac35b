import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// The SDK's notice about its future Node 22 floor, once per process, is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Next resolves "server-only" to a no-op in server code; tests are server code.
      { find: "server-only", replacement: path.join(root, "lib/testing/server-only-stub.ts") },
    ],
  },
  test: {
    include: ["{app,components,lib,scripts}/**/*.test.{ts,tsx}"],
    globalSetup: ["scripts/test/global-setup.ts"],
    setupFiles: ["scripts/test/session-setup.ts"],
    // next-auth imports "next/server" without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
