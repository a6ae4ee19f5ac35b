import { sessionDouble } from "@/lib/testing/session-double";

/**
 * Importing this module switches the session double on for the test file: from then on the
 * signed-in user is `session.user` (null: signed out). One import line instead of a hoisted
 * vi.mock per file; see `@/lib/testing/session-double`.
 */
sessionDouble.active = true;
export const session = sessionDouble;
