import { AppError } from "@/lib/errors";

/**
 * Opaque list cursors: the base64url JSON of DynamoDB's LastEvaluatedKey. Decoding validates
 * the shape (exactly the expected string attributes) and that the key stays in the caller's
 * partition, so a forged cursor gets a 400 instead of reaching DynamoDB.
 */
export type PageKey = Record<string, string>;

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  if (!key) return undefined;
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeCursor(
  cursor: string | undefined,
  expected: {
    readonly attributes: readonly string[];
    readonly owner: Readonly<Record<string, string>>;
  },
): PageKey | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const invalid = new AppError("invalid", "That page cursor is not valid.", {
    cursor: ["That page cursor is not valid."],
  });
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid;
  const entries = Object.entries(parsed);
  const keys = entries.map(([name]) => name).sort();
  if (keys.join() !== [...expected.attributes].sort().join()) throw invalid;
  if (!entries.every(([, value]) => typeof value === "string" && value.length <= 1024))
    throw invalid;
  const key = parsed as PageKey;
  for (const [name, value] of Object.entries(expected.owner)) {
    if (key[name] !== value) throw invalid;
  }
  return key;
}
