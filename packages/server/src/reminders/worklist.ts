import { type IsoDate, localDate, type ReminderSettings } from '@lamina/pathway';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface WorklistEntry {
  readonly patientId: string;
  readonly name: string;
  readonly phone: string | null;
  readonly surgeryDate: string;
  readonly reason: 'missed-checkins' | 'after-alert';
  /** Expected check-in days missed in a row (missed-checkins), or days since the alert (after-alert). */
  readonly days: number;
  readonly lastCheckinAt: string | null;
  /** The open urgent/emergency alert with no check-in since (after-alert). */
  readonly alertId: string | null;
  /**
   * Expected check-in days missed in a row, also when the entry is for silence after an alert (one
   * entry per patient: the alert is the reason shown first); null: not missing check-ins that way.
   */
  readonly missedDays: number | null;
}

/**
 * The "not heard from" worklist: patients in their first weeks who have missed
 * `missedDaysForWorklist` days of check-ins in a row (the early cadence is daily), and patients with
 * an open urgent or emergency alert and no check-in in the day since. One entry per patient and
 * reason until a care-team member acknowledges it; it comes back when the patient checks in and
 * then goes quiet again (the acknowledgement remembers the last check-in it saw).
 * Reads the patient's last check-in from patients.last_checkin_at (kept by the check-in's own
 * statement), never the check-ins themselves; surgeries_window (index-only) and alerts_open_serious
 * find the candidates, clinic first.
 */
export async function worklist(
  db: Kysely<Database>,
  clinicId: string,
  timeZone: string,
  settings: ReminderSettings,
  now: Date,
): Promise<WorklistEntry[]> {
  const today: IsoDate = localDate(timeZone, now);
  const missed = settings.missedDaysForWorklist;
  const { rows } = await sql<{
    patient_id: string;
    given_name: string;
    family_name: string;
    phone: string | null;
    surgery_date: string;
    reason: 'missed-checkins' | 'after-alert';
    days: number;
    last_at: Date | null;
    alert_id: string | null;
  }>`
    select p.id as patient_id, p.given_name, p.family_name, p.phone, s.surgery_date::text as surgery_date,
      'missed-checkins' as reason,
      (${today}::date - greatest((p.last_checkin_at at time zone ${timeZone})::date, s.surgery_date - 1) - 1) as days,
      p.last_checkin_at as last_at, null::uuid as alert_id
    from surgeries s
    join patients p on p.clinic_id = s.clinic_id and p.id = s.patient_id
    left join worklist_acks a on a.clinic_id = s.clinic_id and a.patient_id = s.patient_id
      and a.reason = 'missed-checkins'
    where s.clinic_id = ${clinicId} and s.cancelled_at is null
      and s.surgery_date between (${today}::date - ${settings.worklistUntilDay}::int) and (${today}::date - ${missed}::int)
      -- No check-in on at least "missed" local days in a row up to yesterday: the last check-in came
      -- before local midnight "missed" days ago (or there was none since the surgery).
      and (p.last_checkin_at is null
        or p.last_checkin_at < ((${today}::date - ${missed}::int)::timestamp at time zone ${timeZone}))
      and (a.patient_id is null or a.last_checkin_at is distinct from p.last_checkin_at)
    union all
    select distinct on (p.id) p.id, p.given_name, p.family_name, p.phone, coalesce(s.surgery_date::text, ''),
      'after-alert', floor(extract(epoch from (${now}::timestamptz - al.created_at)) / 86400)::int,
      p.last_checkin_at, al.id
    from alerts al
    join patients p on p.clinic_id = al.clinic_id and p.id = al.patient_id
    left join lateral (
      select s.surgery_date from surgeries s where s.clinic_id = al.clinic_id and s.patient_id = al.patient_id
      order by s.surgery_date desc limit 1
    ) s on true
    left join worklist_acks a on a.clinic_id = al.clinic_id and a.patient_id = al.patient_id
      and a.reason = 'after-alert'
    where al.clinic_id = ${clinicId} and al.status <> 'resolved'
      and al.level in ('urgent', 'emergency')
      and al.created_at <= ${now}::timestamptz - interval '1 day'
      and (p.last_checkin_at is null or p.last_checkin_at < al.created_at)
      and (a.patient_id is null or a.acknowledged_at < al.created_at)
  `.execute(db);
  // One entry per patient (issue 16: a worklist, not an alert storm): silence after an alert wins,
  // and carries the missed days when the patient is also missing check-ins.
  const byPatient = new Map<string, WorklistEntry>();
  for (const r of rows) {
    const entry: WorklistEntry = {
      patientId: r.patient_id,
      name: `${r.given_name} ${r.family_name}`,
      phone: r.phone,
      surgeryDate: String(r.surgery_date),
      reason: r.reason,
      days: Number(r.days),
      lastCheckinAt: r.last_at ? new Date(r.last_at).toISOString() : null,
      alertId: r.alert_id,
      missedDays: r.reason === 'missed-checkins' ? Number(r.days) : null,
    };
    const other = byPatient.get(entry.patientId);
    if (!other) byPatient.set(entry.patientId, entry);
    else {
      const [alert, missed] = entry.reason === 'after-alert' ? [entry, other] : [other, entry];
      byPatient.set(entry.patientId, {
        ...alert,
        surgeryDate: missed.surgeryDate,
        missedDays: missed.days,
      });
    }
  }
  return [...byPatient.values()].sort((a, b) =>
    a.reason === b.reason ? b.days - a.days : a.reason === 'after-alert' ? -1 : 1,
  );
}

/** Stores a care-team member's acknowledgement of a patient's entry (the caller audits it). */
export async function acknowledgeWorklist(
  db: Kysely<Database>,
  entry: {
    clinicId: string;
    patientId: string;
    reason: 'missed-checkins' | 'after-alert';
    userId: string;
  },
  now: Date,
): Promise<void> {
  const last = await db
    .selectFrom('patients')
    .select('last_checkin_at as last')
    .where('clinic_id', '=', entry.clinicId)
    .where('id', '=', entry.patientId)
    .executeTakeFirst();
  const values = {
    last_checkin_at: (last?.last as Date | null) ?? null,
    acknowledged_by: entry.userId,
    acknowledged_at: now,
  };
  // The entry is the patient's: acknowledging it covers both reasons, each until it happens anew
  // (a check-in and then silence again; a newer alert).
  await db
    .insertInto('worklist_acks')
    .values(
      (['missed-checkins', 'after-alert'] as const).map((reason) => ({
        clinic_id: entry.clinicId,
        patient_id: entry.patientId,
        reason,
        ...values,
      })),
    )
    .onConflict((oc) => oc.columns(['clinic_id', 'patient_id', 'reason']).doUpdateSet(values))
    .execute();
}
