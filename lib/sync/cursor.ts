import { z } from "zod";
import { ulidSchema } from "@/lib/ids";

/**
 * The opaque tokens of the sync endpoints: base64url JSON, checked with zod on the way back, so
 * a forged or truncated one is a 400 before any read. Neither names a user: the feed read is
 * always the session's own, so a token taken from another person reveals nothing.
 *
 * - cursor `{ v: 1, s, t }`: the last change seen (`s`, a `seq`) and when the cursor was issued
 *   (`t`, epoch seconds, taken before the read it follows).
 * - page `{ v: 1, s, t, n, p, a? }`: a snapshot in progress: its cursor, the library's size when
 *   it started (`n`), the table it is in (`p`) and the last record sent (`a`).
 */
export interface SyncCursor {
  readonly s: number;
  readonly t: number;
}

export interface SnapshotPosition extends SyncCursor {
  readonly n: number;
  readonly p: "notes" | "tasks";
  readonly a?: string;
}

const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const seconds = z
  .number()
  .int()
  .min(0)
  .max(2 ** 40);

const cursorPayload = z.strictObject({ v: z.literal(1), s: seq, t: seconds });
const pagePayload = z.strictObject({
  v: z.literal(1),
  s: seq,
  t: seconds,
  n: z.number().int().min(0).max(1_000_000),
  p: z.enum(["notes", "tasks"]),
  a: ulidSchema.optional(),
});

function encode(payload: object): string {
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

export function encodeSyncCursor(cursor: SyncCursor): string {
  return encode({ v: 1, s: cursor.s, t: cursor.t });
}

export function encodeSnapshotPage(position: SnapshotPosition): string {
  const { s, t, n, p, a } = position;
  return encode({ v: 1, s, t, n, p, ...(a !== undefined && { a }) });
}

/** A query parameter holding a token of `payload`'s shape; anything else is a 400. */
function tokenParam<T extends z.ZodType>(payload: T, message: string) {
  return z
    .string()
    .max(512, message)
    .regex(/^[A-Za-z0-9_-]+$/, message)
    .transform((value, context): z.output<T> => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
      } catch {
        parsed = undefined;
      }
      const result = payload.safeParse(parsed);
      if (!result.success) {
        context.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return result.data;
    });
}

export const syncCursorParam = tokenParam(cursorPayload, "That sync cursor is not valid.");
export const snapshotPageParam = tokenParam(pagePayload, "That snapshot page is not valid.");
