import { type Limit, limitKey } from '../http/rate-limit.ts';

/**
 * Every authentication limit in one place; decision 010 gives the numbers behind each and the
 * guessing bound they give. Counters are per clinic (sign-in is per clinic).
 */

const minutes = (n: number) => n * 60;

/** Staff password sign-in: failures (a try is counted before the password is checked, given back when right). */
export const passwordLimits = {
  /** Per account (the email, whether or not it exists): the lockout. */
  account: { bucket: 'password-account', max: 5, windowSeconds: minutes(15) },
  /** Per address: one machine spraying one password over many accounts. */
  ip: { bucket: 'password-ip', max: 30, windowSeconds: minutes(15) },
  /** Per clinic: many machines spraying. */
  clinic: { bucket: 'password-clinic', max: 300, windowSeconds: minutes(15) },
} as const satisfies Record<string, Limit>;

/** Patient sign-in codes asked for (every request counts). */
export const codeRequestLimits = {
  account: { bucket: 'code-request-account', max: 5, windowSeconds: minutes(60) },
  // A clinic's waiting room or a hospital shares one address: generous, yet no mass mailing.
  ip: { bucket: 'code-request-ip', max: 300, windowSeconds: minutes(60) },
  clinic: { bucket: 'code-request-clinic', max: 1000, windowSeconds: minutes(60) },
} as const satisfies Record<string, Limit>;

/** Wrong patient codes (a try is counted before the code is checked, given back when right). */
export const codeGuessLimits = {
  account: { bucket: 'code-guess-account', max: 5, windowSeconds: minutes(60) },
  ip: { bucket: 'code-guess-ip', max: 30, windowSeconds: minutes(60) },
} as const satisfies Record<string, Limit>;

/** Password reset emails asked for. */
export const resetRequestLimits = {
  account: { bucket: 'reset-request-account', max: 3, windowSeconds: minutes(60) },
  ip: { bucket: 'reset-request-ip', max: 20, windowSeconds: minutes(60) },
} as const satisfies Record<string, Limit>;

/** Tries one sign-in code gets before it is dead (the patient then asks for a new one). */
export const codeTries = 5;
export const signInCodeMinutes = 15;
export const resetTokenMinutes = 30;
/** A staff session with no request for this long ends (ASVS 3.3.2). */
export const staffIdleMinutes = 30;

/** The counter key of an email (as typed, lower-cased), whether or not it has an account. */
export const accountKey = (address: string) => limitKey(`email:${address.toLowerCase()}`);
/** The counter key of the caller's address. */
export const addressKey = (ip: string | null) => limitKey(`ip:${ip ?? 'unknown'}`);
