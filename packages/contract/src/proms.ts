import type { PromChange, PromScore, PromsDueReport } from '@lamina/pathway';
import { z } from 'zod';
import { computed, dto, id, timestamp } from './common.ts';

/** One PROM response with its score and the change from the baseline (GET /api/patients/:id/proms). */
export const promResponseDto = dto('PromResponse', {
  id,
  instrument: z.string(),
  answers: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  /** The clinical core's score (pathway PromScore). */
  score: computed<PromScore>('PromScore').nullable(),
  completedAt: timestamp,
  /** The clinic's date it was completed on. */
  completedOn: z.string(),
  enteredBy: id.nullable(),
  baselineId: id.nullable(),
  change: z.array(computed<Omit<PromChange, 'rule' | 'instrument'>>('PromChange')),
});
export type PromResponse = z.output<typeof promResponseDto>;

export const promListDto = z.strictObject({
  surgeryDate: z.string().nullable(),
  responses: z.array(promResponseDto),
});
export type PromList = z.output<typeof promListDto>;

/** POST /api/patients/:patientId/proms/:instrument (201) */
export const promSubmittedDto = z.strictObject({
  responseId: id,
  instrument: z.string(),
  completedOn: z.string(),
  score: computed<PromScore>('PromScore'),
});

/** GET /api/patients/:patientId/proms/due: the clinical core's report (pathway PromsDueReport). */
export const promsDueDto = computed<PromsDueReport>('PromsDueReport');
