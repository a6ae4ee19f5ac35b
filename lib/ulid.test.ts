import { decodeTime } from "ulid";
import { describe, expect, it } from "vitest";
import { ulidPattern } from "@/lib/id-pattern";
import { ulid } from "@/lib/ulid";

describe("ulid", () => {
  it("makes ULIDs that carry their time, as the ulid package reads them", () => {
    const now = Date.UTC(2026, 10, 23, 20, 0, 0, 123);
    const id = ulid(now);
    expect(id).toMatch(ulidPattern);
    expect(decodeTime(id)).toBe(now);
  });

  it("sorts ids by creation, within one millisecond too", () => {
    const now = Date.UTC(2027, 0, 1);
    const ids = [ulid(now), ulid(now), ulid(now), ulid(now + 1), ulid(now + 1), ulid(now - 5)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("carries into the next digit when the random part's last digit is at its end", () => {
    const now = Date.UTC(2028, 0, 1);
    const seen = [ulid(now)];
    for (let count = 0; count < 100; count++) seen.push(ulid(now));
    expect([...seen].sort()).toEqual(seen);
    for (const id of seen) expect(id).toMatch(ulidPattern);
  });
});
