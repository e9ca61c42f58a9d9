import { addDays, type IsoDate, type SurgeryInput, surgerySchema } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { enrolPatient } from '../patients/store.ts';
import type { AvailabilityChoice, PeerCondition, PeerLanguage } from './matching.ts';

/** Past patients of the demo clinic who volunteered and were approved, so Rosa gets proposals. Fiction. */
export const demoPeerVolunteers: readonly {
  given: string;
  family: string;
  email: string;
  daysAgo: number;
  surgery: Omit<SurgeryInput, 'surgeryDate'>;
  condition: PeerCondition;
  ageBand: string;
  languages: PeerLanguage[];
  availability: AvailabilityChoice[];
  intro: string;
}[] = [
  {
    given: 'Elena',
    family: 'Ortiz',
    email: 'elena.peer@demo.example',
    daysAgo: 240,
    surgery: { region: 'lumbar', procedure: 'laminectomy' },
    condition: 'lumbar-spinal-stenosis',
    ageBand: '60-69',
    languages: ['es', 'en'],
    availability: ['weekday-evening', 'weekend'],
    intro:
      'I had a lumbar laminectomy last spring. I was nervous before, and I am happy to share how the first weeks went. Hablo español.',
  },
  {
    given: 'Tom',
    family: 'Becker',
    email: 'tom.peer@demo.example',
    daysAgo: 400,
    surgery: { region: 'lumbar', procedure: 'microlaminectomy' },
    condition: 'herniated-disc',
    ageBand: '40-49',
    languages: ['en'],
    availability: ['weekday-daytime'],
    intro:
      'Microlaminectomy a year ago; I went back to a desk job. Ask me about getting back to work.',
  },
  {
    given: 'Grace',
    family: 'Liu',
    email: 'grace.peer@demo.example',
    daysAgo: 300,
    surgery: { region: 'cervical', procedure: 'laminectomy', fusion: true },
    condition: 'cervical-myelopathy',
    ageBand: '70-79',
    languages: ['en'],
    availability: ['weekend'],
    intro:
      'Neck surgery with a fusion. I can tell you about wearing the collar and what helped me.',
  },
];

export async function seedPeerVolunteers(
  db: Kysely<Database>,
  clinicId: string,
  staff: { adminId: string; careManagerId: string; surgeonId: string },
  today: IsoDate,
  now: Date,
): Promise<void> {
  for (const person of demoPeerVolunteers) {
    const surgery = surgerySchema.parse({
      ...person.surgery,
      surgeryDate: addDays(today, -person.daysAgo),
    });
    const ids = await enrolPatient(db, clinicId, staff.adminId, {
      givenName: person.given,
      familyName: person.family,
      email: person.email,
      surgery,
      factors: {},
      overrides: { restrictions: {}, milestones: {}, followUps: {} },
      surgeonId: staff.surgeonId,
    });
    await db
      .insertInto('peer_volunteers')
      .values({
        clinic_id: clinicId,
        patient_id: ids.patientId,
        display_name: person.given,
        condition: person.condition,
        region: surgery.region,
        procedure: surgery.procedure,
        fusion: surgery.fusion,
        age_band: person.ageBand,
        languages: person.languages,
        availability: person.availability,
        intro: person.intro,
        consented_at: now,
        updated_at: now,
        approved_at: now,
        approved_by: staff.careManagerId,
      })
      .execute();
  }
}
