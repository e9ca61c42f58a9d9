import { findRedFlagWords } from '@lamina/pathway';
import type { Kysely } from 'kysely';
import { hashToken, newSecretToken } from '../auth/tokens.ts';
import type { Database } from '../db/schema.ts';
import { requestTokenDays } from './access.ts';
import { insertRequest, type NewRequest } from './store.ts';

type DemoRequest = Pick<
  NewRequest,
  'kind' | 'name' | 'email' | 'phone' | 'language' | 'region' | 'symptoms' | 'details'
> & {
  hoursAgo: number;
};

/** A few requests of each kind for the demo clinic's queue (visitors; nobody can open their status pages). */
const demoRequests: readonly DemoRequest[] = [
  {
    kind: 'treatment',
    name: 'Alex Moreno',
    email: 'alex@mail.example',
    phone: null,
    language: 'en',
    region: 'lumbar',
    symptoms: 'Leg pain after 10 minutes of walking, for a year.',
    details: {},
    hoursAgo: 30,
  },
  {
    kind: 'treatment',
    name: 'Lucía Herrera',
    email: 'lucia@mail.example',
    phone: '+1 555 0142',
    language: 'es',
    region: 'cervical',
    symptoms: 'Hormigueo en las manos desde hace meses.',
    details: {},
    hoursAgo: 5,
  },
  {
    kind: 'imaging_review',
    name: 'Chris Park',
    email: 'chris@mail.example',
    phone: null,
    language: 'en',
    region: 'lumbar',
    symptoms: null,
    details: { imagingNote: 'MRI from September at Valley Imaging' },
    hoursAgo: 26,
  },
  {
    kind: 'imaging_review',
    name: 'Dana Whit',
    email: null,
    phone: '+1 555 0177',
    language: 'en',
    region: 'cervical',
    symptoms: 'Neck pain into the right arm.',
    details: { imagingNote: 'CT and MRI, both this year' },
    hoursAgo: 2,
  },
  {
    kind: 'insurance',
    name: 'Pat Quinn',
    email: 'pat@mail.example',
    phone: null,
    language: 'en',
    region: null,
    symptoms: null,
    details: { insurer: 'Blue Valley Health', plan: 'Silver HMO', memberId: 'BVH-20931' },
    hoursAgo: 50,
  },
  {
    kind: 'insurance',
    name: 'Marta Gil',
    email: 'marta@mail.example',
    phone: null,
    language: 'es',
    region: null,
    symptoms: null,
    details: { insurer: 'Salud Norte', plan: 'Plan Familiar', memberId: 'SN 77120' },
    hoursAgo: 8,
  },
  {
    kind: 'info_kit',
    name: 'Jordan Fox',
    email: 'jordan@mail.example',
    phone: null,
    language: 'en',
    region: 'lumbar',
    symptoms: null,
    details: { region: 'lumbar', procedure: 'laminectomy', language: 'en' },
    hoursAgo: 12,
  },
  {
    kind: 'info_kit',
    name: 'Inés Ruiz',
    email: 'ines@mail.example',
    phone: null,
    language: 'es',
    region: 'cervical',
    symptoms: null,
    details: { region: 'cervical', procedure: 'laminectomy', language: 'es' },
    hoursAgo: 3,
  },
  {
    kind: 'callback',
    name: 'Sam Rivera',
    email: null,
    phone: '+1 555 0110',
    language: 'en',
    region: null,
    symptoms: null,
    details: {
      urgency: 'this_week',
      description: 'Questions about the waiting time for a consultation.',
      afterHours: false,
    },
    hoursAgo: 20,
  },
  {
    kind: 'callback',
    name: 'Robin Diaz',
    email: null,
    phone: '+1 555 0199',
    language: 'en',
    region: 'lumbar',
    symptoms: null,
    details: {
      urgency: 'as_soon_as_possible',
      description: 'Since this morning I cannot control my bladder and my legs feel weak.',
      afterHours: false,
    },
    hoursAgo: 1,
  },
];

export async function seedDemoRequests(db: Kysely<Database>, clinicId: string, now: Date) {
  for (const demo of demoRequests) {
    const at = new Date(now.getTime() - demo.hoursAgo * 3_600_000);
    const words = [demo.symptoms, (demo.details as { description?: string }).description]
      .filter(Boolean)
      .join('\n');
    const redFlags = findRedFlagWords(words).map(({ id, concern, level, matched }) => ({
      id,
      concern,
      level,
      matched,
    }));
    const { hoursAgo: _hoursAgo, ...request } = demo;
    await insertRequest(db, {
      ...request,
      clinicId,
      patientId: null,
      assessmentId: null,
      redFlags,
      urgent: redFlags.length > 0,
      assignedTo: null,
      tokenHash: hashToken(newSecretToken()),
      tokenExpiresAt: new Date(at.getTime() + requestTokenDays * 86_400_000),
      at,
    });
  }
}
