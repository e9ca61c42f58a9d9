import { z } from 'zod';
import { isoDateSchema } from '../dates/dates.ts';

export const regions = ['lumbar', 'cervical'] as const;
export const procedures = ['laminotomy', 'laminectomy', 'microlaminectomy'] as const;
export const approaches = ['open', 'minimally-invasive'] as const;

export type Region = (typeof regions)[number];
export type Procedure = (typeof procedures)[number];
export type Approach = (typeof approaches)[number];

/**
 * One decompression operation. A microlaminectomy is by definition the minimally invasive form
 * of a laminectomy (seed:004), so it cannot be open.
 */
export const surgerySchema = z
  .strictObject({
    region: z.enum(regions),
    procedure: z.enum(procedures),
    approach: z.enum(approaches).default('open'),
    fusion: z.boolean().default(false),
    levels: z.number().int().min(1).max(8).default(1),
    surgeryDate: isoDateSchema,
  })
  .transform((surgery) =>
    surgery.procedure === 'microlaminectomy'
      ? { ...surgery, approach: 'minimally-invasive' as const }
      : surgery,
  );

export type Surgery = z.output<typeof surgerySchema>;
export type SurgeryInput = z.input<typeof surgerySchema>;

export const jobDemands = ['none', 'desk', 'light', 'heavy'] as const;
export type JobDemand = (typeof jobDemands)[number];

/** What is known about the patient that changes what to expect. Unknown stays undefined, never "no". */
export const patientFactorsSchema = z.strictObject({
  /**
   * Kept on the clinic's record; the plan does not read it. Neither the seeds nor the clinical
   * reference show age slowing recovery after decompression (their slowing factors are below), so
   * Lamina does not tell an older patient to expect less (see pathway README, "Judgements").
   */
  age: z.number().int().min(12).max(120).optional(),
  smoker: z.boolean().optional(),
  diabetesOrNeuropathy: z.boolean().optional(),
  /** How long the nerve was compressed before surgery, in months. */
  compressionMonths: z.number().min(0).max(600).optional(),
  preopNumbness: z.enum(['none', 'mild', 'severe']).optional(),
  preopWeakness: z.boolean().optional(),
  /** Weeks of weakness before surgery (foot drop, hand weakness); more than 3 weeks lowers the odds of full return (ref:98). */
  preopWeaknessWeeks: z.number().min(0).max(1000).optional(),
  /** Bladder or bowel trouble before surgery: slower, sometimes incomplete recovery (seed:003, ref:2). */
  preopBladder: z.boolean().optional(),
  jobDemand: z.enum(jobDemands).optional(),
});

export type PatientFactors = z.output<typeof patientFactorsSchema>;
