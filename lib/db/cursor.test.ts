import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";

const expected = { attributes: ["userId", "noteId", "listKey"], owner: { userId: "u1" } };

describe("opaque cursors", () => {
  it("round-trips a key", () => {
    const key = { userId: "u1", noteId: "01N", listKey: "live#0#2026#01N" };
    expect(decodeCursor(encodeCursor(key), expected)).toEqual(key);
    expect(decodeCursor(undefined, expected)).toBeUndefined();
    expect(encodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    ["not base64url", "%%%"],
    ["not JSON", Buffer.from("nope").toString("base64url")],
    ["an array", encodeCursor({ 0: "x" })],
    ["missing attributes", encodeCursor({ userId: "u1" })],
    ["extra attributes", encodeCursor({ userId: "u1", noteId: "n", listKey: "l", x: "y" })],
    [
      "non-string values",
      Buffer.from(JSON.stringify({ userId: "u1", noteId: 1, listKey: "l" })).toString("base64url"),
    ],
    ["another user's partition", encodeCursor({ userId: "u2", noteId: "n", listKey: "l" })],
    ["a huge cursor", "a".repeat(5000)],
  ])("refuses %s with a 400", (_, cursor) => {
    expect(() => decodeCursor(cursor, expected)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
