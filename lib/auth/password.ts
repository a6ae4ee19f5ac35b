import "server-only";
import { type Algorithm, hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the package's enum is ambient const, which isolated modules cannot read.
const argon2id = 2 satisfies Algorithm;

// OWASP's Argon2id baseline: 19 MiB, two passes, one lane.
const options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against the stored hash, or against a dummy one when there is no account, so a
 * wrong email costs the same time as a wrong password and timing does not reveal accounts.
 */
export async function verifyPassword(storedHash: string | undefined, password: string) {
  dummyHash ??= hashPassword("jotboard-dummy-password");
  const target = storedHash ?? (await dummyHash);
  const matches = await verify(target, password).catch(() => false);
  return storedHash !== undefined && matches;
}
