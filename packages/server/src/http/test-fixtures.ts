import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password.ts';
import type { Database, Role } from '../db/schema.ts';
import { insertUser } from '../db/test-data.ts';
import type { TestEngine } from '../db/test-engines.ts';
import type { AlertFeed } from '../events/alert-feed.ts';
import { TestClient } from './test-client.ts';

export const staffPassword = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export interface SeededClinic {
  clinicId: string;
  slug: string;
  staff: Record<Exclude<Role, 'patient'>, { id: string; email: string }>;
}

/** A clinic with one of each staff role (all with the same test password). */
export async function seedClinic(
  db: Kysely<Database>,
  slug = `c-${randomUUID().slice(0, 8)}`,
): Promise<SeededClinic> {
  passwordHash ??= hashPassword(staffPassword);
  const hash = await passwordHash;
  const clinicId = randomUUID();
  await db
    .insertInto('clinics')
    .values({ id: clinicId, slug, name: `${slug} Spine Clinic`, timezone: 'America/Los_Angeles' })
    .execute();
  const staff = {} as SeededClinic['staff'];
  for (const role of ['admin', 'care_manager', 'clinician', 'reviewer'] as const) {
    const email = `${role}@${slug}.example`;
    const id = await insertUser(db, clinicId, {
      role,
      email,
      displayName: role,
      passwordHash: hash,
    });
    staff[role] = { id, email };
  }
  return { clinicId, slug, staff };
}

export async function signInStaff(
  client: TestClient,
  clinic: SeededClinic,
  role: Exclude<Role, 'patient'>,
) {
  const response = await client.post('/api/auth/sign-in', {
    clinic: clinic.slug,
    email: clinic.staff[role].email,
    password: staffPassword,
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.text}`);
}

/**
 * A client signed in as the clinic's staff member of this role: a new one on its own app (at `now`
 * and on a live alert feed when given), or, from a client, another browser on the same server
 * (`client.fork()`).
 */
export async function staffSignedIn(
  from: Kysely<Database> | TestClient,
  clinic: SeededClinic,
  role: Exclude<Role, 'patient'>,
  now?: Date,
  alertFeed?: AlertFeed,
): Promise<TestClient> {
  const client = from instanceof TestClient ? from.fork() : new TestClient(from, now, alertFeed);
  await signInStaff(client, clinic, role);
  return client;
}

export async function signInPatient(client: TestClient, clinic: SeededClinic, email: string) {
  await client.post('/api/auth/patient/code', { clinic: clinic.slug, email });
  const line = client.mail.filter((m) => m.includes(email)).at(-1) ?? '';
  const code = /code (\d{6})/.exec(line)?.[1];
  if (!code) throw new Error(`no sign-in code mailed to ${email}`);
  const response = await client.post('/api/auth/patient/verify', {
    clinic: clinic.slug,
    email,
    code,
  });
  if (response.status !== 200) throw new Error(`patient sign-in failed: ${response.text}`);
}

export const lumbarSurgery = {
  region: 'lumbar',
  procedure: 'laminectomy',
  surgeryDate: '2026-11-10',
} as const;

/** Enrols a patient through the API as the clinic admin; returns ids and a client signed in as that patient. */
export async function enrolAndSignIn(
  admin: TestClient,
  clinic: SeededClinic,
  overrides: { email?: string; surgery?: Record<string, unknown> } = {},
) {
  const email = overrides.email ?? `pat-${randomUUID().slice(0, 8)}@mail.example`;
  const enrolled = await admin.post('/api/patients', {
    givenName: 'Rosa',
    familyName: 'Diaz',
    email,
    surgery: overrides.surgery ?? lumbarSurgery,
  });
  if (enrolled.status !== 201) throw new Error(`enrol failed: ${enrolled.text}`);
  const patient = admin.fork();
  await signInPatient(patient, clinic, email);
  return { patientId: enrolled.json.patientId as string, email, client: patient };
}

/** A seeded clinic and a client signed in as one of its staff (on a live alert feed when given). */
export async function signedInClinic(
  db: Kysely<Database>,
  role: Exclude<Role, 'patient'>,
  alertFeed?: AlertFeed,
) {
  const clinic = await seedClinic(db);
  return { clinic, client: await staffSignedIn(db, clinic, role, undefined, alertFeed) };
}

/**
 * A fresh database, a seeded clinic and a client not signed in (a visitor), made as `TestClient`
 * makes it (at `now`, on these settings when given).
 */
export async function freshClinic(
  engine: TestEngine,
  ...client: ConstructorParameters<typeof TestClient> extends [unknown, ...infer Rest]
    ? Rest
    : never
) {
  const { db } = await engine.open();
  const clinic = await seedClinic(db);
  return { db, clinic, client: new TestClient(db, ...client) };
}

/** A fresh database, a seeded clinic and a client signed in as one of its staff. */
export async function freshSignedInClinic(
  engine: TestEngine,
  role: Exclude<Role, 'patient'>,
  alertFeed?: AlertFeed,
) {
  const { db } = await engine.open();
  return { db, ...(await signedInClinic(db, role, alertFeed)) };
}

/** A fresh database, a clinic with its admin signed in, and one patient enrolled and signed in. */
export async function aSignedInPatient(
  engine: TestEngine,
  overrides?: Parameters<typeof enrolAndSignIn>[2],
) {
  const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
  const { patientId, email, client: patient } = await enrolAndSignIn(admin, clinic, overrides);
  return { db, clinic, admin, patientId, email, patient };
}

/** Two seeded clinics and a client signed in as the first one's admin. */
export async function twoClinics(db: Kysely<Database>) {
  const { clinic, client: admin } = await signedInClinic(db, 'admin');
  return { clinic, elsewhere: await seedClinic(db), admin };
}

/** A check-in with a fever (101.8 °F) and otherwise a calm day: the pathway raises an urgent alert. */
export const feverCheckin = {
  axialPain: 3,
  limbPain: 2,
  painControlled: 'yes',
  temperature: { value: 101.8, unit: 'F' },
} as const;

/** The patient sends one check-in, under a new idempotency key. */
export function sendCheckin(patient: TestClient, patientId: string, checkin: object) {
  return patient.post(`/api/patients/${patientId}/checkins`, {
    idempotencyKey: randomUUID(),
    checkin,
  });
}
