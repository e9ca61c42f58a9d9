import { z } from 'zod';

/**
 * Text that can be stored and shown everywhere: no NUL character (PostgreSQL text and jsonb refuse
 * it) and no lone UTF-16 surrogate (not a character; jsonb refuses its escape, and it cannot be
 * encoded as UTF-8). Every free-text field of every schema starts from `safeText()`, so bad input
 * is a field error, never a database error (decision 012).
 */
export const unsafeTextMessage =
  'contains a character that is not allowed (NUL or a broken Unicode character)';

export function isSafeText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}

/** A zod string refusing NUL and lone surrogates; chain .trim()/.min()/.max() as with z.string(). */
export const safeText = () =>
  z.string().refine(isSafeText, { message: unsafeTextMessage, abort: true });
