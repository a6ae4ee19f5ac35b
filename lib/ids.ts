import { z } from "zod";
import { ulidPattern } from "@/lib/id-pattern";

/** ULIDs: 26 Crockford base32 characters, time-ordered; made by clients or the server. */
export const ulidSchema = z
  .string()
  .regex(ulidPattern, "Must be a ULID (26 characters, Crockford base32).");
