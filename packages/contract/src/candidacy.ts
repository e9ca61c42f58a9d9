import type { CandidacyResult } from '@lamina/pathway';
import { z } from 'zod';
import { computed, dto, id, timestamp } from './common.ts';
import { assigneeDto } from './messages.ts';

/** POST /api/public/:clinicSlug/candidacy (201): the before-surgery check's result. */
export const candidacyAnswerDto = z.strictObject({
  assessmentId: id,
  /** Set when the person left contact details (a lead for the care team). */
  leadId: id.nullable(),
  clinic: z.string(),
  contactSaved: z.boolean(),
  result: computed<CandidacyResult>('CandidacyResult'),
});

export const leadStatus = z.enum(['new', 'contacted', 'closed']);

/** GET /api/leads: a person who asked about surgery and left contact details. */
export const leadDto = dto('Lead', {
  id,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: leadStatus,
  createdAt: timestamp,
  assessmentId: id,
  category: z.string().nullable(),
  region: z.string().nullable(),
  assignee: assigneeDto.nullable(),
});
export type Lead = z.output<typeof leadDto>;
export const leadListDto = z.strictObject({ leads: z.array(leadDto) });
export const leadStatusAnswerDto = z.strictObject({ leadId: id, status: leadStatus });
export const leadAssignAnswerDto = z.strictObject({ leadId: id, assignee: assigneeDto.nullable() });
