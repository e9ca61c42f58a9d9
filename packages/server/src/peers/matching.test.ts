import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageBandOn, type Candidate, rankPeers, type Seeker } from './matching.ts';

const seeker: Seeker = {
  patientId: 'me',
  region: 'lumbar',
  procedure: 'laminectomy',
  fusion: false,
  condition: 'lumbar-spinal-stenosis',
  ageBand: '60-69',
  languages: ['en'],
  availability: ['weekend'],
  sameProcedureOnly: false,
};

const base: Candidate = {
  volunteerId: 'v-base',
  patientId: 'p-base',
  condition: 'lumbar-spinal-stenosis',
  region: 'lumbar',
  procedure: 'laminectomy',
  fusion: false,
  ageBand: '60-69',
  languages: ['en'],
  availability: ['weekend'],
  proposable: true,
};
const volunteer = (id: string, changes: Partial<Candidate> = {}): Candidate => ({
  ...base,
  volunteerId: `v-${id}`,
  patientId: `p-${id}`,
  ...changes,
});
const order = (s: Seeker, candidates: Candidate[], connected: string[] = []) =>
  rankPeers(s, candidates, new Set(connected)).map((p) => p.volunteerId);

const orderings: {
  name: string;
  seeker?: Partial<Seeker>;
  candidates: Candidate[];
  expected: string[];
}[] = [
  {
    name: 'same procedure and region first, then same region, then same procedure elsewhere',
    candidates: [
      volunteer('cervical-laminectomy', { region: 'cervical' }),
      volunteer('lumbar-laminotomy', { procedure: 'laminotomy' }),
      volunteer('cervical-laminotomy', { region: 'cervical', procedure: 'laminotomy' }),
      volunteer('lumbar-laminectomy'),
    ],
    expected: [
      'v-lumbar-laminectomy',
      'v-lumbar-laminotomy',
      'v-cervical-laminectomy',
      'v-cervical-laminotomy',
    ],
  },
  {
    name: 'procedure and region outrank every later key together',
    candidates: [
      volunteer('perfect-but-cervical', { region: 'cervical' }),
      volunteer('all-else-different', {
        condition: 'herniated-disc',
        fusion: true,
        ageBand: '18-29',
        availability: [],
      }),
    ],
    expected: ['v-all-else-different', 'v-perfect-but-cervical'],
  },
  {
    name: 'then condition, then fusion',
    candidates: [
      volunteer('other-condition-fused', { condition: 'herniated-disc', fusion: true }),
      volunteer('other-condition', { condition: 'herniated-disc' }),
      volunteer('fused', { fusion: true }),
      volunteer('same'),
    ],
    expected: ['v-same', 'v-fused', 'v-other-condition', 'v-other-condition-fused'],
  },
  {
    name: 'then the preferred (first) language',
    seeker: { languages: ['es', 'en'] },
    candidates: [volunteer('english'), volunteer('spanish', { languages: ['es'] })],
    expected: ['v-spanish', 'v-english'],
  },
  {
    name: 'then age band closeness, then shared availability',
    candidates: [
      volunteer('far', { ageBand: '30-39' }),
      volunteer('near-no-weekend', { ageBand: '70-79', availability: ['weekday-evening'] }),
      volunteer('near', { ageBand: '50-59' }),
      volunteer('same-age'),
    ],
    expected: ['v-same-age', 'v-near', 'v-near-no-weekend', 'v-far'],
  },
  {
    name: 'ties are broken by volunteer id, whatever the input order',
    candidates: [volunteer('c'), volunteer('a'), volunteer('b')],
    expected: ['v-a', 'v-b', 'v-c'],
  },
];

for (const row of orderings) {
  test(`ordering: ${row.name}`, () => {
    const s = { ...seeker, ...row.seeker };
    assert.deepEqual(order(s, row.candidates), row.expected);
    assert.deepEqual(order(s, [...row.candidates].reverse()), row.expected);
  });
}

const exclusions: {
  name: string;
  seeker?: Partial<Seeker>;
  candidate: Candidate;
  connected?: string[];
}[] = [
  { name: 'the seeker themselves', candidate: volunteer('me', { patientId: 'me' }) },
  {
    name: 'a volunteer not proposable (unapproved, paused or withdrawn)',
    candidate: volunteer('x', { proposable: false }),
  },
  { name: 'someone already connected', candidate: volunteer('x'), connected: ['p-x'] },
  {
    name: 'no shared language: a Spanish speaker never gets an English-only volunteer',
    seeker: { languages: ['es'] },
    candidate: volunteer('x', { languages: ['en'] }),
  },
  {
    name: 'another procedure when the seeker wants the same one',
    seeker: { sameProcedureOnly: true },
    candidate: volunteer('x', { procedure: 'microlaminectomy' }),
  },
];

for (const row of exclusions) {
  test(`never proposed: ${row.name}`, () => {
    const s = { ...seeker, ...row.seeker };
    assert.deepEqual(
      order(s, [row.candidate, volunteer('ok', { languages: ['en', 'es'] })], row.connected),
      ['v-ok'],
    );
  });
}

test('a bilingual volunteer matches a Spanish-only seeker; reasons say why', () => {
  const [proposal] = rankPeers(
    { ...seeker, languages: ['es'] },
    [volunteer('both', { languages: ['en', 'es'] })],
    new Set(),
  );
  assert.equal(proposal?.volunteerId, 'v-both');
  assert.deepEqual(proposal?.reasons, [
    'same-procedure',
    'same-region',
    'same-condition',
    'same-fusion',
    'preferred-language',
    'similar-age',
    'shared-availability',
  ]);
});

test('at most `limit` proposals', () => {
  const many = Array.from({ length: 9 }, (_, i) => volunteer(String(i)));
  assert.equal(rankPeers(seeker, many, new Set()).length, 5);
  assert.equal(rankPeers(seeker, many, new Set(), 2).length, 2);
});

const bands: [string, string, string | undefined][] = [
  ['1960-06-15', '2026-06-14', '60-69'],
  ['1960-06-15', '2026-06-15', '60-69'],
  ['1956-12-01', '2026-11-30', '60-69'],
  ['1956-12-01', '2026-12-01', '70-79'],
  ['2008-12-02', '2026-12-01', undefined],
  ['2008-12-01', '2026-12-01', '18-29'],
  ['1940-01-01', '2026-12-01', '80+'],
];
for (const [born, today, band] of bands) {
  test(`age band of someone born ${born} on ${today}: ${band ?? 'under 18'}`, () => {
    assert.equal(ageBandOn(born, today), band);
  });
}
