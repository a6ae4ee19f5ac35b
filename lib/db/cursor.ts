import { AppError } from "@/lib/errors";

/**
 * Opaque list cursors: the base64url JSON of DynamoDB's LastEvaluatedKey and the kind of list
 * it came from (`notes:live`, `tasks:column`…). Decoding checks the kind, the shape (exactly the
 * expected string attributes), that the key stays in the caller's partition and inside the
 * range the query reads, so a cursor from another list or a forged one gets a 400 instead of
 * reaching DynamoDB.
 */
import "server-only";
export type PageKey = Record<string, string>;

export interface CursorSpec {
  /** Which list (index and range) the cursor pages through. */
  readonly kind: string;
  readonly attributes: readonly string[];
  /** Attributes that must equal these values (the caller's partition). */
  readonly owner: Readonly<Record<string, string>>;
  /** Attributes that must start with these values (the range the query reads). */
  readonly prefixes?: Readonly<Record<string, string>>;
}

export function encodeCursor(
  kind: string,
  key: Record<string, unknown> | undefined,
): string | undefined {
  if (!key) return undefined;
  return Buffer.from(JSON.stringify({ kind, key }), "utf8").toString("base64url");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function decodeCursor(cursor: string | undefined, spec: CursorSpec): PageKey | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const invalid = new AppError("invalid", "That page cursor is not valid.", {
    fieldErrors: { cursor: ["That page cursor is not valid."] },
  });
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (!isRecord(parsed) || parsed.kind !== spec.kind || !isRecord(parsed.key)) throw invalid;
  const entries = Object.entries(parsed.key);
  const keys = entries.map(([name]) => name).sort();
  if (keys.join() !== [...spec.attributes].sort().join()) throw invalid;
  if (!entries.every(([, value]) => typeof value === "string" && value.length <= 1024))
    throw invalid;
  const key = parsed.key as PageKey;
  for (const [name, value] of Object.entries(spec.owner)) {
    if (key[name] !== value) throw invalid;
  }
  for (const [name, prefix] of Object.entries(spec.prefixes ?? {})) {
    if (!key[name]?.startsWith(prefix)) throw invalid;
  }
  return key;
}
