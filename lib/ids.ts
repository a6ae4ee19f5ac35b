import { z } from "zod";

/** ULIDs: 26 Crockford base32 characters, time-ordered; made by clients or the server. */
export const ulidSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "Must be a ULID (26 characters, Crockford base32).");
