import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** argon2id (the library's Algorithm.Argon2id; a const enum cannot be imported under isolatedModules). */
const argon2id = 2;
const options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** ASVS 4.0 2.1.1: at least 12 characters. */
export const minimumPasswordLength = 12;
export const maximumPasswordLength = 512;
/**
 * zxcvbn score (0–4) a password needs. Scores 0–2 mean fewer than 10^8 guesses: the common-password
 * list (about 49 000 leaked passwords, @zxcvbn-ts/language-common), keyboard walks, dates, repeats
 * and small changes to those. 3 and up is accepted.
 */
export const minimumStrength = 3;

// zxcvbn only scores the first 100 characters (cost grows with length); longer ones are long enough.
// Made on first use: the word lists take ~15 MB that an idle server need not hold (issue 19).
let scorer: ZxcvbnFactory | undefined;
function strength(): ZxcvbnFactory {
  if (scorer) return scorer;
  const load = createRequire(import.meta.url);
  const core = load('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = load('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  scorer = new core.ZxcvbnFactory({
    dictionary: common.dictionary,
    graphs: common.adjacencyGraphs,
    maxLength: 100,
  });
  return scorer;
}

/** Why a new password is refused (in words for the field message), or undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < minimumPasswordLength)
    return `must be at least ${minimumPasswordLength} characters`;
  if (password.length > maximumPasswordLength)
    return `must be at most ${maximumPasswordLength} characters`;
  if (strength().check(password).score < minimumStrength)
    return 'is too common or too easy to guess: use a few unrelated words';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** How many argon2 verifications ran in this process (sign-in tests check unknown emails pay the same cost). */
export const passwordWork = { verifications: 0 };

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  passwordWork.verifications++;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against the account's hash, or, when there is no usable account, against a dummy hash of
 * the same cost and answers false: an unknown email then takes as long as a wrong password.
 */
export async function verifyPasswordOrDummy(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (passwordHash !== null) return verifyPassword(passwordHash, password);
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}
