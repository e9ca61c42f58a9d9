import type { AnyColumnWithTable, JoinBuilder } from 'kysely';

/**
 * The join of two clinic-scoped tables (every key is `(clinic_id, …)`): `left = right` within one
 * clinic, e.g. `.innerJoin('patients as p', (join) => onClinicRef(join, 'p.id', 'a.patient_id'))`
 * joins on `p.clinic_id = a.clinic_id and p.id = a.patient_id`. Both columns are checked like
 * Kysely's own `onRef`.
 */
export function onClinicRef<DB, TB extends keyof DB>(
  join: JoinBuilder<DB, TB>,
  left: AnyColumnWithTable<DB, TB>,
  right: AnyColumnWithTable<DB, TB>,
): JoinBuilder<DB, TB> {
  const clinicOf = (column: string) =>
    `${column.slice(0, column.indexOf('.'))}.clinic_id` as AnyColumnWithTable<DB, TB>;
  return join.onRef(clinicOf(left), '=', clinicOf(right)).onRef(left, '=', right);
}
