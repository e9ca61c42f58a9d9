import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Secrets go to the user; only their SHA-256 is stored, so a database leak yields no usable token. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A 6-digit code a patient can type from an email on a phone. */
export function newSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
