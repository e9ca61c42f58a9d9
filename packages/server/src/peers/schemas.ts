import { safeText } from '@lamina/pathway';
import { z } from 'zod';
import { ageBandSchema, availabilitySchema, conditionSchema, languagesSchema } from './matching.ts';

/** What the peer routes accept. */
export const volunteerSchema = z.strictObject({
  displayName: z
    .string()
    .trim()
    .min(1, 'write the name others will see (a first name or a chosen name)')
    .max(40, 'must be at most 40 characters'),
  condition: conditionSchema,
  /** Needed only when the clinic has no date of birth on file; otherwise derived from it. */
  ageBand: ageBandSchema.optional(),
  languages: languagesSchema,
  availability: availabilitySchema.default([]),
  availabilityNote: safeText().trim().max(200, 'must be at most 200 characters').default(''),
  intro: z
    .string()
    .trim()
    .min(1, 'write a few words about yourself')
    .max(600, 'must be at most 600 characters'),
  consent: z.literal(true, {
    error: 'tick the box to agree that other patients may contact you through Lamina',
  }),
});
export const pauseSchema = z.strictObject({ paused: z.boolean() });
export const emptySchema = z.strictObject({});
export const preferencesSchema = z.strictObject({
  languages: languagesSchema,
  sameProcedureOnly: z.boolean().default(false),
  condition: conditionSchema.optional(),
  /** Used when the clinic has no date of birth on file. */
  ageBand: ageBandSchema.optional(),
  availability: availabilitySchema.default([]),
});
export const connectionRequestSchema = z.strictObject({
  volunteerId: z.uuid({ message: 'choose one of the people proposed' }),
  topic: z
    .string()
    .trim()
    .min(1, 'say what you would like to talk about')
    .max(500, 'must be at most 500 characters'),
  consent: z.literal(true, {
    error: 'tick the box to agree to share your first name and your request',
  }),
});
export const acceptSchema = z.strictObject({
  consent: z.literal(true, {
    error: 'tick the box to agree to talk with this person through Lamina',
  }),
});
export const peerMessageSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'write a message first')
    .max(2000, 'must be at most 2000 characters'),
});
