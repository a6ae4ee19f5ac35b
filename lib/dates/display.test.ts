import { describe, expect, it } from "vitest";
import { localClock, localDateTime, utcDay } from "@/lib/dates/display";

// What the app showed before, through Intl: the hand-written forms must read the same.
const intlDay = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const intlDateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const intlClock = new Intl.DateTimeFormat("en-US", { timeStyle: "short" });

const moments = [
  "2026-01-01T00:00:00.000Z",
  "2026-11-23T23:45:10.000Z",
  "2024-02-29T12:00:00.000Z",
  "2025-12-31T23:59:59.999Z",
  "2025-07-04T00:30:00.000Z",
  "2030-06-15T11:59:00.000Z",
].map((iso) => new Date(iso));
// And a spread over two years, at minutes of every hour.
for (let step = 0; step < 400; step++)
  moments.push(new Date(Date.UTC(2025, 0, 1) + step * 47 * 3_600_000 + step * 61_000));

describe("dates as shown", () => {
  it("reads as Intl's en-US medium date in UTC", () => {
    for (const moment of moments) expect(utcDay(moment)).toBe(intlDay.format(moment));
  });

  it("reads as Intl's en-US medium date and short time where the reader is", () => {
    for (const moment of moments) {
      expect(localDateTime(moment)).toBe(intlDateTime.format(moment));
      expect(localClock(moment)).toBe(intlClock.format(moment));
    }
  });

  it("says 12 for noon and midnight", () => {
    const midnight = new Date(2026, 10, 23, 0, 5);
    const noon = new Date(2026, 10, 23, 12, 5);
    expect(localClock(midnight)).toBe("12:05 AM");
    expect(localClock(noon)).toBe("12:05 PM");
  });
});
