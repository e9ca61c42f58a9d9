import { randomUUID } from 'node:crypto';
import {
  addDays,
  type CheckinInput,
  checkinSchemaFor,
  type HistoryEntry,
  type IsoDate,
  type PatientFactors,
  type SurgeryInput,
  surgerySchema,
  triage,
} from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/access.ts';
import { hashPassword } from '../auth/password.ts';
import { storeCheckin } from '../checkins/store.ts';
import type { Database, Role } from '../db/schema.ts';
import { demoLumbarStudy } from '../imaging/demo-study.ts';
import { ingestUpload } from '../imaging/service.ts';
import { seedDemoRequests } from '../intake/demo-requests.ts';
import { enrolPatient } from '../patients/store.ts';
import { seedPeerVolunteers } from '../peers/demo.ts';
import { seedDemoSecondOpinion } from '../second-opinion/demo.ts';
import type { BlobStore } from '../storage/blob-store.ts';

/** Demo data: a clinic with staff and a dozen patients at different points of recovery. Never for real use. */
export const demoClinic = {
  slug: 'demo',
  name: 'Lamina Demo Spine Clinic',
  timezone: 'America/Los_Angeles',
  // 555-01xx numbers are reserved for fiction: nobody real is called from a demo.
  phone: '+1 555-010-0100',
} as const;
export const demoStaffPassword = 'lamina-demo-only';

export const demoStaff: readonly { role: Exclude<Role, 'patient'>; email: string; name: string }[] =
  [
    { role: 'admin', email: 'admin@demo.example', name: 'Alex Admin' },
    { role: 'care_manager', email: 'nurse@demo.example', name: 'Nina Nurse (care manager)' },
    { role: 'clinician', email: 'surgeon@demo.example', name: 'Dr. Sam Surgeon' },
    { role: 'clinician', email: 'pt@demo.example', name: 'Pat Therapist (PT)' },
    { role: 'reviewer', email: 'reviewer@demo.example', name: 'Dr. Rene Reviewer (independent)' },
  ];

/** A date of birth (June 15) that makes someone `age` today; none when the age is not known. */
function demoBirthday(today: string, age: number | undefined): string | undefined {
  if (age === undefined) return undefined;
  const year = Number(today.slice(0, 4)) - age - (today.slice(5) < '06-15' ? 1 : 0);
  return `${year}-06-15`;
}

interface DemoPatient {
  given: string;
  family: string;
  email: string;
  day: number;
  surgery: Omit<SurgeryInput, 'surgeryDate'>;
  factors: PatientFactors;
  /** Check-in answers for a given day after surgery (a gently improving course), and today's, if different. */
  today?: CheckinInput;
}

const calm = (day: number, region: 'lumbar' | 'cervical'): CheckinInput => ({
  axialPain: Math.max(1, 6 - Math.floor(day / 7)),
  limbPain: Math.max(0, 5 - Math.floor(day / 5)),
  painControlled: 'yes',
  temperature: { value: 36.9, unit: 'C' },
  numbness: { change: day < 3 ? 'unchanged' : 'improving' },
  weakness: { change: 'none' },
  walkingBalance: 'improving',
  walkingMinutes: Math.min(60, 5 + day * 2),
  exercises: 'all',
  urinaryRetention: 'no',
  bladderIncontinence: 'no',
  bowelIncontinence: 'no',
  saddleNumbness: 'no',
  chestPain: 'no',
  shortOfBreath: 'no',
  ...(region === 'cervical' ? { swallowing: 'normal', voice: 'normal', neckSwelling: 'none' } : {}),
});

export const demoPatients: readonly DemoPatient[] = [
  {
    given: 'Rosa',
    family: 'Martínez',
    email: 'rosa@demo.example',
    day: 10,
    surgery: { region: 'lumbar', procedure: 'laminectomy' },
    factors: { age: 67, preopNumbness: 'mild', jobDemand: 'desk' },
  },
  {
    given: 'Walter',
    family: 'Brooks',
    email: 'walter@demo.example',
    day: 4,
    surgery: { region: 'lumbar', procedure: 'laminectomy', levels: 2 },
    factors: { age: 74, diabetesOrNeuropathy: true },
    today: {
      ...calm(4, 'lumbar'),
      temperature: { value: 101.9, unit: 'F' },
      incision: { redness: 'yes', warmth: 'yes', drainage: 'cloudy' },
    },
  },
  {
    given: 'Linda',
    family: 'Okafor',
    email: 'linda@demo.example',
    day: 2,
    surgery: { region: 'cervical', procedure: 'laminectomy', fusion: true },
    factors: { age: 61 },
    today: { ...calm(2, 'cervical'), swallowing: 'cannot', neckSwelling: 'growing-fast' },
  },
  {
    given: 'George',
    family: 'Ito',
    email: 'george@demo.example',
    day: 21,
    surgery: { region: 'lumbar', procedure: 'microlaminectomy' },
    factors: { age: 52, jobDemand: 'heavy' },
  },
  {
    given: 'Carmen',
    family: 'Vega',
    email: 'carmen@demo.example',
    day: 8,
    surgery: { region: 'lumbar', procedure: 'laminotomy', approach: 'minimally-invasive' },
    factors: { age: 58, smoker: true },
    today: { ...calm(8, 'lumbar'), saddleNumbness: 'yes', urinaryRetention: 'yes' },
  },
  {
    given: 'Frank',
    family: 'Novak',
    email: 'frank@demo.example',
    day: 45,
    surgery: { region: 'cervical', procedure: 'laminotomy' },
    factors: { age: 69, preopWeakness: true, preopWeaknessWeeks: 6 },
  },
  {
    given: 'Aisha',
    family: 'Rahman',
    email: 'aisha@demo.example',
    day: 100,
    surgery: { region: 'lumbar', procedure: 'laminectomy', fusion: true },
    factors: { age: 63, compressionMonths: 24, preopNumbness: 'severe' },
    today: { ...calm(100, 'lumbar'), numbness: { change: 'unchanged', where: 'left foot' } },
  },
  {
    given: 'Henry',
    family: 'Schmidt',
    email: 'henry@demo.example',
    day: 15,
    surgery: { region: 'lumbar', procedure: 'laminectomy' },
    factors: { age: 71 },
    today: { ...calm(15, 'lumbar'), calfPainOrSwelling: 'yes' },
  },
  {
    given: 'Mei',
    family: 'Chen',
    email: 'mei@demo.example',
    day: 200,
    surgery: { region: 'cervical', procedure: 'laminectomy' },
    factors: { age: 66, jobDemand: 'desk' },
  },
  {
    given: 'Luis',
    family: 'Herrera',
    email: 'luis@demo.example',
    day: 30,
    surgery: { region: 'lumbar', procedure: 'microlaminectomy' },
    factors: { age: 47, jobDemand: 'light' },
    today: { ...calm(30, 'lumbar'), positionalHeadache: 'yes' },
  },
  {
    given: 'Dorothy',
    family: 'Evans',
    email: 'dorothy@demo.example',
    day: -6,
    surgery: { region: 'lumbar', procedure: 'laminectomy' },
    factors: { age: 78 },
  },
  {
    given: 'Samuel',
    family: 'Adeyemi',
    email: 'samuel@demo.example',
    day: 400,
    surgery: { region: 'lumbar', procedure: 'laminectomy' },
    factors: { age: 70, preopNumbness: 'mild' },
  },
];

export interface DemoSeedResult {
  clinicId: string;
  created: boolean;
}

/** Creates the demo clinic once; a second call finds it and changes nothing. Dates are relative to `today`. */
export async function seedDemo(
  db: Kysely<Database>,
  today: IsoDate,
  now: Date,
  /** Where the demo MR study for Rosa is stored; without it the demo has no imaging. */
  files?: BlobStore,
): Promise<DemoSeedResult> {
  const existing = await db
    .selectFrom('clinics')
    .select('id')
    .where('slug', '=', demoClinic.slug)
    .executeTakeFirst();
  if (existing) return { clinicId: existing.id, created: false };
  const clinicId = randomUUID();
  const hash = await hashPassword(demoStaffPassword);
  /** The staff accounts' ids, by their email in `demoStaff`. */
  const staffIds = new Map(demoStaff.map((staff) => [staff.email, randomUUID()]));
  const staffId = (email: string) => staffIds.get(email) as string;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('clinics')
      .values({ id: clinicId, ...demoClinic })
      .execute();
    for (const staff of demoStaff) {
      await trx
        .insertInto('users')
        .values({
          clinic_id: clinicId,
          id: staffId(staff.email),
          role: staff.role,
          email: staff.email,
          display_name: staff.name,
          password_hash: hash,
          totp_secret: null,
          disabled_at: null,
        })
        .execute();
    }
  });
  const adminId = staffId('admin@demo.example');
  const surgeonId = staffId('surgeon@demo.example');

  for (const [index, person] of demoPatients.entries()) {
    const surgery = surgerySchema.parse({
      ...person.surgery,
      surgeryDate: addDays(today, -person.day),
    });
    const ids = await enrolPatient(db, clinicId, adminId, {
      givenName: person.given,
      familyName: person.family,
      email: person.email,
      // Fictional 555-01xx numbers (issue 17: the console's tap-to-call) and a birthday that
      // makes the age in the patient factors true today.
      phone: `+1 555-010-${String(110 + index).padStart(4, '0')}`,
      dateOfBirth: demoBirthday(today, person.factors.age),
      surgery,
      factors: person.factors,
      overrides: { restrictions: {}, milestones: {}, followUps: {} },
      surgeonId,
    });
    if (!ids.userId) throw new Error('Demo patients have an email, so an account.');
    const actor: Actor = {
      clinicId,
      userId: ids.userId,
      role: 'patient',
      patientId: ids.patientId,
    };
    const schema = checkinSchemaFor(surgery.region);
    const history: HistoryEntry[] = [];
    // Daily check-ins over the last two weeks (or since surgery), ending with today's.
    for (let day = Math.max(0, person.day - 14); day <= person.day; day++) {
      const answers = schema.parse(
        day === person.day && person.today ? person.today : calm(day, surgery.region),
      );
      const date = addDays(surgery.surgeryDate, day);
      const decision = triage(answers, surgery, history, date);
      // Earlier days in the morning; today's 20 minutes ago, so some alerts are fresh and some overdue.
      const at =
        day === person.day
          ? new Date(now.getTime() - 20 * 60_000)
          : new Date(now.getTime() - (person.day - day) * 86_400_000 - 2 * 3_600_000);
      await storeCheckin(db, {
        clinicId,
        patientId: ids.patientId,
        surgeryId: ids.surgeryId,
        idempotencyKey: `demo-${ids.patientId}-${day}`,
        answers,
        decision,
        submittedAt: at,
        receivedAt: at,
        timeZone: demoClinic.timezone,
        actor,
        ip: null,
      });
      history.push({ ...answers, date });
    }
    if (files && person.email === 'rosa@demo.example') {
      for (const file of demoLumbarStudy({
        patientName: `${person.family}^${person.given}`,
        patientId: `DEMO-${ids.patientId.slice(0, 8)}`,
        studyDate: addDays(surgery.surgeryDate, -30),
      }))
        await ingestUpload(db, files, {
          clinicId,
          owner: { patientId: ids.patientId },
          uploadedBy: adminId,
          fileName: file.name,
          bytes: file.bytes,
          now,
        });
    }
  }
  await seedPeerVolunteers(
    db,
    clinicId,
    { adminId, careManagerId: staffId('nurse@demo.example'), surgeonId },
    today,
    now,
  );
  await seedDemoRequests(db, clinicId, now);
  await seedDemoSecondOpinion(db, clinicId, today, now);
  return { clinicId, created: true };
}
