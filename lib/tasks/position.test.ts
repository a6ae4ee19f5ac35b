import { describe, expect, it } from "vitest";
import {
  isPosition,
  placeBetween,
  positionBetween,
  uniquePositionBetween,
} from "@/lib/tasks/position";

/** A small seeded generator, so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function expectBetween(position: string, before: string | null, after: string | null) {
  expect(isPosition(position), position).toBe(true);
  if (before !== null) expect(position > before, `${position} > ${before}`).toBe(true);
  if (after !== null) expect(position < after, `${position} < ${after}`).toBe(true);
}

describe("positionBetween", () => {
  it("starts an empty column and works at both ends", () => {
    const first = positionBetween(null, null);
    expect(first).toBe("a0");
    const last = positionBetween(first, null);
    expectBetween(last, first, null);
    const top = positionBetween(null, first);
    expectBetween(top, null, first);
    expectBetween(positionBetween(top, first), top, first);
    expectBetween(positionBetween(first, last), first, last);
  });

  it("is always strictly between its neighbours", () => {
    const random = seededRandom(7);
    const sorted = [positionBetween(null, null)];
    for (let step = 0; step < 2000; step++) {
      const index = Math.floor(random() * (sorted.length + 1));
      const before = sorted[index - 1] ?? null;
      const after = sorted[index] ?? null;
      const position = positionBetween(before, after);
      expectBetween(position, before, after);
      sorted.splice(index, 0, position);
    }
    expect([...sorted].sort()).toEqual(sorted);
    expect(new Set(sorted).size).toBe(sorted.length);
  });

  it("keeps positions short when appending or prepending many times", () => {
    let last = positionBetween(null, null);
    let first = last;
    for (let step = 0; step < 10_000; step++) {
      const next = positionBetween(last, null);
      expectBetween(next, last, null);
      last = next;
      const previous = positionBetween(null, first);
      expectBetween(previous, null, first);
      first = previous;
    }
    expect(last.length).toBeLessThanOrEqual(4);
    expect(first.length).toBeLessThanOrEqual(4);
  });

  it("stays ordered and reasonably short after many inserts at the same spot", () => {
    const low = positionBetween(null, null);
    const high = positionBetween(low, null);
    // Always right after `low`, and always right before `high`: the worst case for bisection.
    let afterLow = high;
    let beforeHigh = low;
    let longest = 0;
    for (let step = 0; step < 1000; step++) {
      // Each new position sits between `low` and the previous one, so each is a fresh value.
      const a = positionBetween(low, afterLow);
      expectBetween(a, low, afterLow);
      afterLow = a;
      const b = positionBetween(beforeHigh, high);
      expectBetween(b, beforeHigh, high);
      beforeHigh = b;
      longest = Math.max(longest, a.length, b.length);
    }
    // Bisection gains a character every 5 to 6 inserts at one spot (log2(62) ≈ 5.95).
    expect(longest).toBeLessThanOrEqual(220);
  });

  it("refuses neighbours out of order and malformed positions", () => {
    expect(() => positionBetween("a1", "a0")).toThrow();
    expect(() => positionBetween("a1", "a1")).toThrow();
    expect(() => positionBetween("a10", null)).toThrow();
    expect(() => positionBetween("!", null)).toThrow();
    expect(isPosition("")).toBe(false);
    expect(isPosition("b1")).toBe(false);
    expect(isPosition("a0V")).toBe(true);
  });
});

describe("uniquePositionBetween", () => {
  it("gives racing inserts into the same gap distinct positions, still between", () => {
    const random = seededRandom(42);
    const cases: [string | null, string | null][] = [
      [null, null],
      ["a0", null],
      [null, "a0"],
      ["a0", "a1"],
      ["a0", "a1V"],
      ["a0", "a01"],
      ["Zz", "a0"],
      ["a0", "a0001"],
    ];
    for (const [before, after] of cases) {
      const made = Array.from({ length: 200 }, () => uniquePositionBetween(before, after, random));
      for (const position of made) expectBetween(position, before, after);
      expect(new Set(made).size, `${before}..${after}`).toBeGreaterThan(195);
    }
  });

  it("keeps a total order under random inserts", () => {
    const random = seededRandom(3);
    const sorted: string[] = [];
    for (let step = 0; step < 2000; step++) {
      const index = Math.floor(random() * (sorted.length + 1));
      const before = sorted[index - 1] ?? null;
      const after = sorted[index] ?? null;
      const position = uniquePositionBetween(before, after, random);
      expectBetween(position, before, after);
      sorted.splice(index, 0, position);
    }
    expect(new Set(sorted).size).toBe(sorted.length);
    expect(Math.max(...sorted.map((position) => position.length))).toBeLessThanOrEqual(20);
  });

  it("stays short when inserting at the same spot many times", () => {
    const low = positionBetween(null, null);
    let high = positionBetween(low, null);
    for (let step = 0; step < 1000; step++) {
      const next = uniquePositionBetween(low, high);
      expectBetween(next, low, high);
      high = next;
    }
    expect(high.length).toBeLessThanOrEqual(230);
  });

  it("places between neighbours until a gap is worn too deep, then refuses with a 409", () => {
    // Neighbours that share a long prefix: what thousands of drops into one gap leave behind.
    const gap = (zeros: number) => ["a0", `a0${"0".repeat(zeros)}1`] as const;
    const [low, high] = gap(400);
    const placed = placeBetween(low, high);
    expectBetween(placed, low, high);
    expect(() => placeBetween(...gap(510))).toThrow(
      expect.objectContaining({ code: "conflict", message: expect.stringMatching(/this spot/) }),
    );
  });
});
