import { audit } from '../audit/audit.ts';
import type { AppContext } from '../http/context.ts';
import { notFound } from '../http/problem.ts';

/**
 * A patient's own setting kept on their record (language, time zone): changed under a row lock,
 * with its audit row (before and after) in the same transaction. One implementation for every such
 * field, so each route only names the column and its audit action.
 */
export type PatientPreference =
  | { readonly column: 'language'; readonly value: 'en' | 'es' }
  | { readonly column: 'timezone'; readonly value: string | null };

export async function setPatientPreference(
  c: AppContext,
  target: { readonly clinicId: string; readonly patientId: string },
  preference: PatientPreference,
  /** verb.object, e.g. 'patient.language-update'. */
  action: string,
): Promise<void> {
  const { clinicId, patientId } = target;
  await c
    .get('deps')
    .db.transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('patients')
        .select(['language', 'timezone'])
        .where('clinic_id', '=', clinicId)
        .where('id', '=', patientId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('This patient');
      await trx
        .updateTable('patients')
        .set(
          preference.column === 'language'
            ? { language: preference.value }
            : { timezone: preference.value },
        )
        .where('clinic_id', '=', clinicId)
        .where('id', '=', patientId)
        .execute();
      await audit(
        c,
        {
          action,
          subjectType: 'patient',
          subjectId: patientId,
          patientId,
          details: { before: before[preference.column], after: preference.value },
        },
        trx,
      );
    });
}
