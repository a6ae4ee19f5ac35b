/**
 * Fractional indexing for board columns: a position is a string, positions sort by plain string
 * (byte) order as DynamoDB sorts the ByStatus index, and there is always a position between any
 * two, so a move rewrites only the task that moved.
 *
 * A position is an integer part followed by an optional fraction, both in base 62 digits
 * (0-9A-Za-z, in ASCII order). The integer part's first character gives its length ('a' = one
 * digit, 'b' = two, ... and 'Z', 'Y', ... for negatives), so appending or prepending steps an
 * integer (lengths grow logarithmically) while inserting between two neighbours bisects the
 * fraction. A fraction never ends in '0', so no two positions denote the same point.
 */

import { AppError } from "@/lib/errors";

const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const base = digits.length;
const zeroDigit = "0";
const lastDigit = "z";
const firstPosition = "a0";
// The most negative integer; nothing may go below it, so it is never a position on its own.
const smallestInteger = `A${zeroDigit.repeat(26)}`;

function digitValue(char: string | undefined): number {
  const value = char === undefined ? -1 : digits.indexOf(char);
  if (value < 0) throw new Error(`Invalid position digit: ${char}`);
  return value;
}

function integerLength(head: string | undefined): number {
  if (head !== undefined && head >= "a" && head <= "z") return head.charCodeAt(0) - 97 + 2;
  if (head !== undefined && head >= "A" && head <= "Z") return 90 - head.charCodeAt(0) + 2;
  throw new Error(`Invalid position head: ${head}`);
}

function integerPart(position: string): string {
  const length = integerLength(position[0]);
  if (length > position.length) throw new Error(`Invalid position: ${position}`);
  return position.slice(0, length);
}

/** Whether a string is a well-formed position. */
export function isPosition(value: string): boolean {
  try {
    assertPosition(value);
    return true;
  } catch {
    return false;
  }
}

function assertPosition(position: string): void {
  if (position === smallestInteger) throw new Error(`Invalid position: ${position}`);
  const integer = integerPart(position);
  for (const char of position) digitValue(char);
  if (position.length > integer.length && position.endsWith(zeroDigit)) {
    throw new Error(`Invalid position (trailing zero): ${position}`);
  }
}

/**
 * A fraction strictly between `low` and `high` (`null` meaning 1), neither ending in '0'.
 * The result never ends in '0' either.
 */
function midpoint(low: string, high: string | null): string {
  if (high !== null) {
    // Skip the common prefix, reading missing digits of `low` as zeros.
    let shared = 0;
    while ((low[shared] ?? zeroDigit) === high[shared]) shared++;
    if (shared > 0) {
      return high.slice(0, shared) + midpoint(low.slice(shared), high.slice(shared));
    }
  }
  const lowDigit = low === "" ? 0 : digitValue(low[0]);
  const highDigit = high === null ? base : digitValue(high[0]);
  if (highDigit - lowDigit > 1) return digits[Math.round((lowDigit + highDigit) / 2)] as string;
  // Consecutive first digits: take high's first digit if more follows it, else go one deeper.
  if (high !== null && high.length > 1) return high.slice(0, 1);
  return (digits[lowDigit] as string) + midpoint(low.slice(1), null);
}

function incrementInteger(integer: string): string | null {
  const [head = "", ...body] = integer.split("");
  for (let index = body.length - 1; index >= 0; index--) {
    const next = digitValue(body[index]) + 1;
    if (next < base) {
      body[index] = digits[next] as string;
      return head + body.join("");
    }
    body[index] = zeroDigit;
  }
  // Carried out of every digit: the next length.
  if (head === "Z") return `a${zeroDigit}`;
  if (head === "z") return null;
  const nextHead = String.fromCharCode(head.charCodeAt(0) + 1);
  if (nextHead > "a") body.push(zeroDigit);
  else body.pop();
  return nextHead + body.join("");
}

function decrementInteger(integer: string): string | null {
  const [head = "", ...body] = integer.split("");
  for (let index = body.length - 1; index >= 0; index--) {
    const next = digitValue(body[index]) - 1;
    if (next >= 0) {
      body[index] = digits[next] as string;
      return head + body.join("");
    }
    body[index] = lastDigit;
  }
  if (head === "a") return `Z${lastDigit}`;
  if (head === "A") return null;
  const nextHead = String.fromCharCode(head.charCodeAt(0) - 1);
  if (nextHead < "Z") body.push(lastDigit);
  else body.pop();
  return nextHead + body.join("");
}

/**
 * A position strictly between `before` and `after`; `null` is the open end of the column
 * (`positionBetween(null, null)` is the first position of an empty column). Deterministic.
 */
export function positionBetween(before: string | null, after: string | null): string {
  if (before !== null) assertPosition(before);
  if (after !== null) assertPosition(after);
  if (before !== null && after !== null && before >= after) {
    throw new Error(`Positions out of order: ${before} >= ${after}`);
  }
  if (before === null) {
    if (after === null) return firstPosition;
    const integer = integerPart(after);
    if (integer === smallestInteger) return integer + midpoint("", after.slice(integer.length));
    if (integer < after) return integer;
    const previous = decrementInteger(integer);
    if (previous === null) throw new Error("No position left before the first one.");
    return previous;
  }
  const beforeInteger = integerPart(before);
  const beforeFraction = before.slice(beforeInteger.length);
  if (after === null) {
    const next = incrementInteger(beforeInteger);
    return next ?? beforeInteger + midpoint(beforeFraction, null);
  }
  const afterInteger = integerPart(after);
  if (beforeInteger === afterInteger) {
    return beforeInteger + midpoint(beforeFraction, after.slice(afterInteger.length));
  }
  const next = incrementInteger(beforeInteger);
  if (next !== null && next < after) return next;
  return beforeInteger + midpoint(beforeFraction, null);
}

const tailLength = 3;

/**
 * Like `positionBetween`, plus a short random tail, so two moves that race to the same gap
 * (each reading the same neighbours) still get distinct positions and the order stays total.
 */
export function uniquePositionBetween(
  before: string | null,
  after: string | null,
  random: () => number = Math.random,
): string {
  let position = positionBetween(before, after);
  // Anything appended to a prefix of `after` could pass it; go deeper until it is not one.
  while (after?.startsWith(position)) position = positionBetween(position, after);
  let tail = "";
  for (let index = 0; index < tailLength; index++) {
    const last = index === tailLength - 1;
    // The last digit is never '0', which keeps the fraction canonical.
    const value = last ? 1 + Math.floor(random() * (base - 1)) : Math.floor(random() * base);
    tail += digits[Math.min(value, base - 1)];
  }
  return position + tail;
}

// Far below DynamoDB's 1 KB key limit; only thousands of drops into one gap get near it.
const maxPositionLength = 512;

/**
 * Where a task lands between two neighbours of a column (`null` for an open end): unique, so
 * racing moves into one gap stay in a total order, and refused once a gap is worn too deep.
 * A new task, or one that changes column without a place, goes to the column's end:
 * `placeBetween(lastOfColumn, null)`.
 */
export function placeBetween(above: string | null, below: string | null): string {
  const position = uniquePositionBetween(above, below);
  if (position.length > maxPositionLength) {
    throw new AppError("conflict", "Too many tasks were dropped in this spot; drop it elsewhere.");
  }
  return position;
}
