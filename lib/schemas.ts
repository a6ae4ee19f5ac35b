import { z } from "zod";

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
