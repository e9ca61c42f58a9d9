import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/** A phone number as stored and texted: E.164 (+15551234567), or undefined when it is not one. */
export function toE164(input: string, defaultCountry: 'US' = 'US'): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** A zod field: any common way of writing a valid number in, E.164 out. */
export const e164Phone = z
  .string()
  .trim()
  .max(40)
  .transform((value, ctx) => {
    const number = toE164(value);
    if (!number) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a valid phone number, like +1 555 201 3344',
      });
      return z.NEVER;
    }
    return number;
  });
