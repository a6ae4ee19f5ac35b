import { z } from "zod";

/**
 * A yes/no in a query string (`?trash=1`, `?permanent=true`): "1" and "true" are yes, "0",
 * "false" and absence are no, anything else is a 400. The one parser of such flags.
 */
export const flag = z
  .enum(["1", "0", "true", "false"])
  .optional()
  .transform((value) => value === "1" || value === "true");
