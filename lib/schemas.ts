import { z } from "zod";

/** For routes that take no query parameters: an unknown one is a 400, not silently ignored. */
export const noQuerySchema = z.strictObject({});
