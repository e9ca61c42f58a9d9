import { safeText } from '@lamina/pathway';
import { z } from 'zod';

/** How a visitor tells the clinic who they are and how to reach them (candidacy leads, requests). */
export const contactFields = {
  name: safeText().trim().min(1, 'tell us your name').max(200),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'must be an email address' }))
    .pipe(safeText().max(320))
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{6,30}$/, 'must be a phone number')
    .optional(),
};

/** A contact the clinic can actually use: at least an email address or a phone number. */
export function reachable<T extends z.ZodObject>(contact: T): T {
  return contact.refine(
    (value) => {
      const { email, phone } = value as { email?: string; phone?: string };
      return email !== undefined || phone !== undefined;
    },
    {
      message: 'give an email address or a phone number so the clinic can reach you',
      path: ['email'],
    },
  );
}
