import { vi } from "vitest";
import { withSessionDouble } from "@/lib/testing/session-double";

// Before each test file: the session module gets a double that stays out of the way (the real
// session answers) until the file imports `@/lib/testing/session-mock`. Registered here rather
// than per file so it is in place whatever order a file's imports load in.
vi.doMock("@/lib/auth/session", async (importOriginal) =>
  withSessionDouble(await importOriginal()),
);
