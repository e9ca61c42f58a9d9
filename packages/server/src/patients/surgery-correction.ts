import type { SurgeryCorrected } from '@lamina/contract';
import {
  approaches,
  isoDateSchema,
  procedures,
  protocolFor,
  regions,
  surgerySchema,
  unknownOverrideIds,
} from '@lamina/pathway';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../auth/access.ts';
import type { AppContext } from '../http/context.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { checkSurgeon } from './enrol.ts';
import { currentSurgery, type SurgeryRecord, surgeryFieldsOf } from './store.ts';

/**
 * Correcting a surgery (issue 15, decision 016): the date moved, the procedure or fusion changed,
 * or the surgery was cancelled. The row is corrected in place: the plan and the questionnaire
 * schedule are derived from the current surgery on every read, so they follow; check-ins keep the
 * triage stored when they were made. Every change is audited with the old and new values.
 */
export const correctSurgerySchema = z
  .strictObject({
    region: z.enum(regions, { error: `must be one of: ${regions.join(', ')}` }).optional(),
    procedure: z.enum(procedures, { error: `must be one of: ${procedures.join(', ')}` }).optional(),
    approach: z.enum(approaches, { error: `must be one of: ${approaches.join(', ')}` }).optional(),
    fusion: z.boolean({ error: 'must be yes or no' }).optional(),
    levels: z
      .number({ error: 'must be a whole number from 1 to 8' })
      .int('must be a whole number from 1 to 8')
      .min(1, 'must be a whole number from 1 to 8')
      .max(8, 'must be a whole number from 1 to 8')
      .optional(),
    surgeryDate: z.string().pipe(isoDateSchema).optional(),
    surgeonId: z.uuid('must be one of the clinic’s surgeons').nullable().optional(),
    /** true: the surgery will not happen (kept, not deleted); false: it is back on. */
    cancelled: z.boolean({ error: 'must be yes or no' }).optional(),
    reason: z.string().trim().max(500, 'must be at most 500 characters').optional(),
  })
  .refine(
    (body) =>
      Object.keys(body).some(
        (key) => key !== 'reason' && body[key as keyof typeof body] !== undefined,
      ),
    {
      message: 'say what changes: the date, the procedure, fusion, levels, surgeon or cancelled',
      path: ['(body)'],
    },
  );

export type SurgeryCorrection = z.output<typeof correctSurgerySchema>;

/** What the audit keeps of a surgery: the fields a correction can change. */
function auditedValues(
  row: Parameters<typeof surgeryFieldsOf>[0] & {
    surgeon_id: string | null;
    cancelled_at: Date | null;
  },
) {
  return {
    ...surgeryFieldsOf(row),
    surgeonId: row.surgeon_id,
    cancelled: row.cancelled_at !== null,
  };
}

/** Corrects the patient's current surgery under a row lock, with its audit row in the same transaction. */
export async function correctSurgery(
  c: AppContext,
  input: {
    actor: Actor;
    patientId: string;
    correction: SurgeryCorrection;
    now: Date;
  },
): Promise<SurgeryCorrected> {
  const { db } = c.get('deps');
  const { actor, patientId, correction } = input;
  const clinicId = actor.clinicId;
  await checkSurgeon(db, clinicId, correction.surgeonId);
  return db.transaction().execute(async (trx) => {
    const current = await currentSurgery(trx, clinicId, patientId);
    if (!current) throw notFound('A surgery for this patient');
    // Locked: two corrections at once apply one after the other, each audited against what it changed.
    const row = await trx
      .selectFrom('surgeries')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('id', '=', current.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const surgery = surgerySchema.parse({
      region: correction.region ?? row.region,
      procedure: correction.procedure ?? row.procedure,
      // A microlaminectomy is always minimally invasive; moving away from one keeps the approach given.
      approach: correction.approach ?? row.approach,
      fusion: correction.fusion ?? row.fusion,
      levels: correction.levels ?? row.levels,
      surgeryDate: correction.surgeryDate ?? row.surgery_date,
    });
    const overrides = (row.overrides ?? {}) as Parameters<typeof unknownOverrideIds>[1];
    const misfits = unknownOverrideIds(protocolFor(surgery), {
      restrictions: overrides.restrictions ?? {},
      milestones: overrides.milestones ?? {},
      followUps: overrides.followUps ?? {},
    });
    if (misfits.length > 0)
      throw new HttpProblem(
        400,
        'Invalid input',
        'The surgeon’s changes to the plan do not fit the corrected surgery. Remove them first.',
        misfits.map((message) => ({ field: 'overrides', message })),
      );
    const cancelledAt =
      correction.cancelled === undefined
        ? row.cancelled_at
        : correction.cancelled
          ? (row.cancelled_at ?? input.now)
          : null;
    const updated = await trx
      .updateTable('surgeries')
      .set({
        region: surgery.region,
        procedure: surgery.procedure,
        approach: surgery.approach,
        fusion: surgery.fusion,
        levels: surgery.levels,
        surgery_date: surgery.surgeryDate,
        surgeon_id: correction.surgeonId === undefined ? row.surgeon_id : correction.surgeonId,
        cancelled_at: cancelledAt,
        cancelled_by: cancelledAt === null ? null : (row.cancelled_by ?? actor.userId),
        cancel_reason:
          cancelledAt === null ? null : (correction.reason ?? row.cancel_reason ?? null),
      })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const before = auditedValues(row);
    const after = auditedValues(updated);
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter(
      (key) => before[key] !== after[key],
    );
    await audit(
      c,
      {
        action: 'surgery.correct',
        subjectType: 'surgery',
        subjectId: row.id,
        patientId,
        details: {
          changed,
          before: Object.fromEntries(changed.map((key) => [key, before[key]])),
          after: Object.fromEntries(changed.map((key) => [key, after[key]])),
          ...(correction.reason ? { reason: correction.reason } : {}),
        },
      },
      trx,
    );
    return { surgeryId: row.id, changed, surgery: after, cancelReason: updated.cancel_reason };
  });
}

/** A cancelled surgery has no plan and no questionnaire schedule: a 409 that says so in plain words. */
export function refuseCancelled(record: SurgeryRecord): void {
  if (!record.cancelledAt) return;
  const error = new HttpProblem(
    409,
    'Surgery cancelled',
    'This surgery was cancelled, so there is no recovery plan or questionnaire schedule for it. The care team will talk with you about next steps.',
  );
  Object.assign(error.problem, { surgeryCancelled: true, surgeryId: record.id });
  throw error;
}
