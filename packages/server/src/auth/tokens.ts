import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Secrets go to the user; only their SHA-256 is stored, so a database leak yields no usable token. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A token that carries its clinic, `<clinicId>.<secret>` (a session cookie, a reset or invitation
 * link): the clinic and the secret's hash for the clinic-leading lookup; undefined when malformed.
 */
export function parseClinicToken(
  value: string,
): { clinicId: string; tokenHash: string } | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  return { clinicId: match[1], tokenHash: hashToken(match[2]) };
}

/** A 6-digit code a patient can type from an email on a phone. */
export function newSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
