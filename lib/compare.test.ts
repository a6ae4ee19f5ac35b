import { describe, expect, it } from "vitest";
import { compareCodeUnits } from "@/lib/compare";
import { ulid } from "@/lib/ulid";

describe("compareCodeUnits", () => {
  it("orders ULIDs by creation and ISO dates and days by time", () => {
    const ids = Array.from({ length: 50 }, () => ulid());
    expect([...ids].reverse().sort(compareCodeUnits)).toEqual(ids);
    const times = [
      "2026-11-23T23:45:00.000Z",
      "2026-11-23T09:00:00.000Z",
      "2025-12-31T23:59:59.999Z",
    ];
    expect([...times].sort(compareCodeUnits)).toEqual([times[2], times[1], times[0]]);
    expect(["2026-11-23", "2026-02-01", "9999-12-31"].sort(compareCodeUnits)).toEqual([
      "2026-02-01",
      "2026-11-23",
      "9999-12-31",
    ]);
  });

  it("says equal strings are equal", () => {
    expect(compareCodeUnits("01ARZ3NDEK", "01ARZ3NDEK")).toBe(0);
  });
});
