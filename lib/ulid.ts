/**
 * ULIDs made in the browser (and during its server render): 48 bits of milliseconds, then 80
 * random bits, in Crockford base32, so ids sort by creation time (the outbox replays in id
 * order). Monotonic within a page: a second id in the same millisecond is the last one's random
 * part plus one, so two changes queued in one millisecond keep their order. A few lines instead
 * of the `ulid` package (~0.9 KB gzip of every signed-in page's first load); the server keeps
 * the package.
 */
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

let lastTime = -1;
let lastRandom: number[] = [];

/** The next digits (base 32) after `digits`; 2^80 ids in one millisecond never happen. */
function increment(digits: readonly number[]): number[] {
  const next = [...digits];
  for (let index = next.length - 1; index >= 0; index--) {
    if ((next[index] as number) < 31) {
      next[index] = (next[index] as number) + 1;
      return next;
    }
    next[index] = 0;
  }
  return next;
}

export function ulid(now: number = Date.now()): string {
  let time = Math.max(now, lastTime);
  const random =
    time === lastTime
      ? increment(lastRandom)
      : // 256 is a multiple of 32: every digit is equally likely.
        Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte % 32);
  lastTime = time;
  lastRandom = random;
  let encoded = "";
  for (let index = 0; index < 10; index++) {
    encoded = alphabet[time % 32] + encoded;
    time = Math.floor(time / 32);
  }
  return encoded + random.map((digit) => alphabet[digit]).join("");
}
