import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueueCard } from '@lamina/contract';
import { cardOrder, placeCard } from './queue-cards.ts';

const card = (id: string, priority: number, createdAt: string, offTrack = false): QueueCard => ({
  id,
  level: (['emergency', 'urgent', 'contact'] as const)[priority] ?? 'contact',
  status: 'open',
  priority,
  offTrack,
  findings: [],
  instruction: null,
  createdAt,
  deadlineAt: null,
  overdue: false,
  acknowledgedAt: null,
  acknowledgedBy: null,
  notes: null,
  escalationStep: 0,
  escalatedAt: null,
  noCheckinSince: false,
  told: { lang: 'en', instruction: null, findings: [] },
  patient: {
    id: 'p',
    givenName: 'A',
    familyName: 'B',
    surgeryDate: null,
    daysSinceSurgery: null,
    lastCheckinAt: null,
    phone: null,
    language: 'en',
    age: null,
  },
});

const ids = (list: QueueCard[]) => list.map((c) => c.id);

test('a new card goes where the server would put it: priority, then oldest', () => {
  const lists = {
    redFlags: [
      card('e1', 0, '2026-12-06T10:00:00Z'),
      card('u1', 1, '2026-12-06T09:00:00Z'),
      card('c1', 2, '2026-12-06T08:00:00Z'),
    ],
    offTrack: [],
  };
  const newer = placeCard(lists, 'e2', card('e2', 0, '2026-12-06T11:00:00Z'));
  assert.deepEqual(ids(newer.redFlags), ['e1', 'e2', 'u1', 'c1']);
  const older = placeCard(newer, 'u0', card('u0', 1, '2026-12-06T08:30:00Z'));
  assert.deepEqual(ids(older.redFlags), ['e1', 'e2', 'u0', 'u1', 'c1']);
  const sorted = [...older.redFlags].sort(cardOrder);
  assert.deepEqual(ids(sorted), ids(older.redFlags));
});

test('a changed card is replaced in place, a resolved one removed, an off-track one goes to its list', () => {
  const lists = {
    redFlags: [card('e1', 0, '2026-12-06T10:00:00Z'), card('u1', 1, '2026-12-06T09:00:00Z')],
    offTrack: [card('o1', 2, '2026-12-06T07:00:00Z', true)],
  };
  const acknowledged = {
    ...card('e1', 0, '2026-12-06T10:00:00Z'),
    status: 'acknowledged' as const,
  };
  const replaced = placeCard(lists, 'e1', acknowledged);
  assert.deepEqual(ids(replaced.redFlags), ['e1', 'u1']);
  assert.equal(replaced.redFlags[0]?.status, 'acknowledged');
  const removed = placeCard(replaced, 'e1', null);
  assert.deepEqual(ids(removed.redFlags), ['u1']);
  const calm = placeCard(removed, 'o0', card('o0', 2, '2026-12-06T06:00:00Z', true));
  assert.deepEqual(ids(calm.offTrack), ['o0', 'o1']);
  assert.deepEqual(ids(calm.redFlags), ['u1']);
  assert.deepEqual(placeCard(calm, 'missing', null), calm);
});
