import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";

const expected = {
  kind: "notes:live",
  attributes: ["userId", "noteId", "listKey"],
  owner: { userId: "u1" },
  prefixes: { listKey: "live#" },
};
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("opaque cursors", () => {
  it("round-trips a key", () => {
    const key = { userId: "u1", noteId: "01N", listKey: "live#0#2026#01N" };
    expect(decodeCursor(encodeCursor("notes:live", key), expected)).toEqual(key);
    expect(decodeCursor(undefined, expected)).toBeUndefined();
    expect(encodeCursor("notes:live", undefined)).toBeUndefined();
  });

  it.each([
    ["not base64url", "%%%"],
    ["not JSON", Buffer.from("nope").toString("base64url")],
    ["a bare key without its kind", raw({ userId: "u1", noteId: "n", listKey: "live#l" })],
    [
      "another list's cursor (the trash)",
      encodeCursor("notes:trash", { userId: "u1", noteId: "n", listKey: "trash#l" }),
    ],
    ["missing attributes", encodeCursor("notes:live", { userId: "u1" })],
    [
      "extra attributes",
      encodeCursor("notes:live", { userId: "u1", noteId: "n", listKey: "live#l", x: "y" }),
    ],
    [
      "non-string values",
      raw({ kind: "notes:live", key: { userId: "u1", noteId: 1, listKey: "live#l" } }),
    ],
    [
      "another user's partition",
      encodeCursor("notes:live", { userId: "u2", noteId: "n", listKey: "live#l" }),
    ],
    [
      "a key outside the list's range",
      encodeCursor("notes:live", { userId: "u1", noteId: "n", listKey: "trash#l" }),
    ],
    ["a huge cursor", "a".repeat(5000)],
  ])("refuses %s with a 400", (_, cursor) => {
    expect(() => decodeCursor(cursor, expected)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it("refuses an array where the key belongs, even one whose indexes are the attribute names", () => {
    // Only the array check can refuse this one: as an object the same key is accepted.
    const byIndex = { kind: "notes:live", attributes: ["0", "1"], owner: { 0: "u1" } };
    const asObject = raw({ kind: "notes:live", key: { 0: "u1", 1: "n" } });
    expect(decodeCursor(asObject, byIndex)).toEqual({ 0: "u1", 1: "n" });
    expect(() => decodeCursor(raw({ kind: "notes:live", key: ["u1", "n"] }), byIndex)).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(() => decodeCursor(raw(["notes:live", { 0: "u1", 1: "n" }]), byIndex)).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });
});
