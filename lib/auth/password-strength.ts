import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";
import { AppError } from "@/lib/errors";

/**
 * Guessability of a new password (issue 15 §6), estimated by zxcvbn-ts with its common-password,
 * English and keyboard-pattern dictionaries. Server-only: the dictionaries weigh about 1.5 MB and
 * must never reach a browser bundle; the zod field keeps the minimum length, this adds the rest.
 */

/**
 * zxcvbn scores 0–4 by estimated guesses; 3 means "safely unguessable" (about 10^8 guesses, hours
 * against a slow hash like our Argon2id even offline), which is the usual bar (Dropbox, the
 * library's own docs). 2 lets through "Password1!"-like strings.
 */
const minimumScore = 3;

/**
 * Beyond this the rest of a password is not examined: longer ones are strong anyway, and the
 * matcher's cost grows with length (a 36-character password already takes a few hundred ms).
 */
const examinedLength = 64;

/** Words that belong to this site: a password built on them is the first thing a guesser tries. */
/**
 * The l33t matcher tries every combination of substitutions: at the default (100) a hex-heavy
 * password like our e2e `pw-<uuid>` took over a second. Past a dozen the password is long and
 * mixed enough to score well without it; this bounds the work an attacker can make us do.
 */
const l33tSubstitutions = 12;

const siteWords = ["jotboard", "jot", "board", "notes", "tasks"];

let estimator: ZxcvbnFactory | undefined;

/**
 * Built on first use, once per server process (about 150 ms: the dictionaries are ranked into
 * maps). Levenshtein matching stays off: it makes every check ~300 ms and adds little over the
 * exact, l33t and reversed matches for the passwords it is meant to catch.
 */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    maxLength: examinedLength,
    l33tMaxSubstitutions: l33tSubstitutions,
  });
  return estimator;
}

/**
 * The words of a person's email and name worth refusing as password material: the email whole,
 * its local part and domain labels, and each word of the name (short fragments are skipped: a
 * two-letter initial would flag half of all passwords as "personal").
 */
export function personalWords(inputs: readonly string[]): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    const value = input.trim().toLowerCase();
    if (!value) continue;
    words.add(value);
    const [local, domain] = value.split("@");
    if (local) words.add(local);
    if (domain) words.add(domain);
    for (const part of value.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

const advice =
  "Add another word or two that are less common, or use a passphrase of four random words.";

/**
 * Undefined when the password is fine; otherwise a sentence or two telling the person why and
 * what to do, e.g. "This is a commonly used password. Add another word or two that are less
 * common." `userInputs` are the person's email and name (and anything else personal).
 */
export function passwordProblem(password: string, userInputs: string[]): string | undefined {
  const result = zxcvbn().check(password, [...siteWords, ...personalWords(userInputs)]);
  if (result.score >= minimumScore) return undefined;
  const warning =
    // zxcvbn's wording ("personal or page related data") reads oddly here: say it plainly.
    result.feedback.warning === translations.warnings.userInputs
      ? "Leave out your name, your email and this site's name."
      : (result.feedback.warning ?? "This password is easy to guess.");
  // zxcvbn's own suggestions ("Capitalize more than the first letter") push toward the
  // patterns guessers already try; longer and less common is the advice that actually helps.
  return `${warning} ${advice}`;
}

/** Refuses a guessable password with the reason beside `field` (sign-up, change, reset). */
export function assertStrongPassword(field: string, password: string, personal: string[]): void {
  const problem = passwordProblem(password, personal);
  if (problem) throw new AppError("invalid", problem, { fieldErrors: { [field]: [problem] } });
}
