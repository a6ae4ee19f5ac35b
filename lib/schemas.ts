import { z } from "zod";

/** Query-string schemas every domain shares. */

/**
 * A yes/no in a query string (`?trash=1`, `?permanent=true`): "1" and "true" are yes, "0",
 * "false" and absence are no, anything else is a 400. The one parser of such flags.
 */
export const flag = z
  .enum(["1", "0", "true", "false"])
  .optional()
  .transform((value) => value === "1" || value === "true");

/** For routes that take no query parameters: an unknown one is a 400, not silently ignored. */
export const noQuerySchema = z.strictObject({});

/**
 * A page's `searchParams` as its query schema reads them. A key given twice (an array) reads as
 * absent: no page takes a list, and a doubled parameter must not pick one of its values.
 */
export function pageQuery(
  params: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}
