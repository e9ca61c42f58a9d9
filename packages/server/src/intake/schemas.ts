import { insuranceOutcomes, requestKinds, requestStatuses } from '@lamina/contract/words';
import { clinicHoursSchema, procedures, regions, safeText } from '@lamina/pathway';
import { z } from 'zod';
import { contactFields, reachable } from '../http/contact.ts';

/** The request schemas, defined once: the handlers validate with them and OpenAPI documents them. */

// The word lists the web app offers too: one copy (@lamina/contract).
export {
  type InsuranceOutcome,
  insuranceOutcomes,
  type RequestKind,
  type RequestStatus,
  requestKinds,
  requestStatuses,
} from '@lamina/contract/words';
export const callbackUrgencies = ['as_soon_as_possible', 'today', 'this_week'] as const;
export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

const text = (max: number) => safeText().trim().min(1, 'is required').max(max);

export const visitorContactSchema = reachable(z.strictObject(contactFields));

const common = {
  /** The language for emails, the status page and the info kit. */
  language: z.enum(languages).default('en'),
  consent: z.literal(true, { error: 'tick the box to let the clinic contact you' }),
  region: z.enum(regions).optional(),
  symptoms: safeText().trim().max(4000).optional(),
  /** A candidacy check this request comes from: its region and answers prefill the request. */
  assessmentId: z.uuid('must be the id of a candidacy check').optional(),
};

export const insuranceDetailsSchema = z.strictObject({
  insurer: text(200),
  plan: text(200),
  memberId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{3,40}$/, 'must be the member ID on your insurance card'),
});

export const callbackDetailsSchema = z.strictObject({
  urgency: z.enum(callbackUrgencies, { error: 'choose how soon you need the call' }),
  description: text(2000),
  bestTime: safeText().trim().max(200).optional(),
});

export const infoKitDetailsSchema = z.strictObject({
  region: z.enum(regions),
  procedure: z.enum(procedures),
});

const kinds = <C extends z.ZodType>(contact: C) =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('treatment'), contact, ...common }),
    z.strictObject({
      kind: z.literal('imaging_review'),
      contact,
      ...common,
      /** What scans the person has (MRI or CT, when and where), before they upload them. */
      imagingNote: safeText().trim().max(1000).optional(),
    }),
    z.strictObject({
      kind: z.literal('insurance'),
      contact,
      ...common,
      insurance: insuranceDetailsSchema,
    }),
    z.strictObject({
      kind: z.literal('info_kit'),
      contact,
      ...common,
      infoKit: infoKitDetailsSchema,
    }),
    z.strictObject({
      kind: z.literal('callback'),
      contact,
      ...common,
      callback: callbackDetailsSchema,
    }),
  ]);

/** A visitor (no account) leaves contact details. */
export const visitorRequestSchema = kinds(visitorContactSchema);
/** A signed-in patient: the clinic already knows how to reach them; a phone for a callback is optional. */
export const patientRequestSchema = kinds(
  z.strictObject({ phone: visitorContactSchema.shape.phone }).optional(),
);
export type VisitorRequest = z.output<typeof visitorRequestSchema>;
export type PatientRequest = z.output<typeof patientRequestSchema>;

export const requestListQuerySchema = z.strictObject({
  status: z.enum(requestStatuses).optional(),
  kind: z.enum(requestKinds).optional(),
  /** A user id, or "nobody" for unassigned requests. */
  assignee: z.union([z.uuid(), z.literal('nobody')]).optional(),
});
export const requestStatusSchema = z.strictObject({ status: z.enum(requestStatuses) });
export const requestNoteSchema = z.strictObject({ body: text(4000) });
export const insuranceOutcomeSchema = z.strictObject({
  outcome: z.enum(insuranceOutcomes),
  /** Told to the requester by email and on their status page. */
  message: text(2000),
});
export const clinicHoursBodySchema = z.strictObject({ hours: clinicHoursSchema });
