import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, type IsoDate } from '../dates/dates.ts';
import {
  defaultReminderPrefs,
  defaultReminderSettings,
  inQuietHours,
  isCheckinDay,
  type ReminderInput,
  remindersDue,
} from './schedule.ts';

const surgeryDate = '2026-03-02' as IsoDate;
const input: ReminderInput = {
  surgery: { surgeryDate, cancelled: false },
  questionnaires: [
    {
      timepoint: '6-weeks',
      opens: addDays(surgeryDate, 35),
      closes: addDays(surgeryDate, 56),
      complete: false,
    },
  ],
  followUps: [
    { id: 'visit-6-weeks', title: '6-week visit', date: addDays(surgeryDate, 42), booked: false },
  ],
  unreadMessages: 0,
  lastCheckinOn: null,
  prefs: defaultReminderPrefs,
  settings: defaultReminderSettings,
  timeZone: 'America/Chicago',
  language: 'en',
};

/** Noon in Chicago on a date (18:00 UTC in winter, 17:00 in summer; both are noon-ish, out of quiet hours). */
function noon(date: IsoDate) {
  return new Date(`${date}T17:30:00Z`);
}

describe('remindersDue', () => {
  it('thins check-in prompts: daily to week 2, every 2 days to week 6, weekly to week 12, then none', () => {
    const perWeek: number[] = [];
    for (let day = 0; day < 91; day++) {
      const due = remindersDue(input, noon(addDays(surgeryDate, day)));
      const week = Math.floor(day / 7);
      perWeek[week] = (perWeek[week] ?? 0) + (due.items.some((i) => i.kind === 'checkin') ? 1 : 0);
    }
    assert.deepEqual(perWeek, [7, 7, 4, 4, 3, 4, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('questionnaire when the window opens and once more 3 days before it closes; book the visit 2 weeks ahead', () => {
    const kinds = (day: number) =>
      remindersDue(input, noon(addDays(surgeryDate, day))).items.map((i) => i.kind);
    assert.ok(kinds(35).includes('questionnaire'));
    assert.ok(kinds(53).includes('questionnaire-closing'));
    assert.ok(kinds(28).includes('visit-book'));
    const [q] = input.questionnaires;
    const [visit] = input.followUps;
    assert.ok(q && visit);
    const done = { ...input, questionnaires: [{ ...q, complete: true }] };
    assert.ok(
      !remindersDue(done, noon(addDays(surgeryDate, 53))).items.some(
        (i) => i.kind === 'questionnaire-closing',
      ),
    );
    const booked = {
      ...input,
      followUps: [{ ...visit, booked: true, date: addDays(surgeryDate, 44) }],
    };
    assert.deepEqual(
      remindersDue(booked, noon(addDays(surgeryDate, 43))).items.find((i) => i.kind === 'visit')
        ?.text,
      `Your follow-up visit (6 weeks) is on ${addDays(surgeryDate, 44)}.`,
    );
  });

  it('nothing after a pause, a cancelled surgery or with no channel; no check-in prompt once checked in', () => {
    const at = noon(addDays(surgeryDate, 3));
    assert.equal(
      remindersDue({ ...input, prefs: { ...input.prefs, paused: true } }, at).items.length,
      0,
    );
    assert.equal(
      remindersDue({ ...input, surgery: { surgeryDate, cancelled: true } }, at).reason,
      'surgery-cancelled',
    );
    assert.equal(
      remindersDue({ ...input, prefs: { ...input.prefs, channels: [] } }, at).items.length,
      0,
    );
    assert.equal(
      remindersDue({ ...input, lastCheckinOn: addDays(surgeryDate, 3) }, at).items.length,
      0,
    );
  });

  it('is not sendable in quiet hours or before the send time, in the patient zone; patient quiet hours add to the clinic', () => {
    const day = addDays(surgeryDate, 1);
    assert.equal(remindersDue(input, new Date(`${day}T03:00:00Z`)).sendableNow, false); // 21:00 Chicago
    assert.equal(remindersDue(input, new Date(`${day}T14:30:00Z`)).sendableNow, false); // 08:30: before 09:00
    assert.equal(remindersDue(input, new Date(`${day}T14:00:00Z`)).sendableNow, false);
    assert.equal(remindersDue(input, new Date(`${day}T15:30:00Z`)).sendableNow, true);
    const late = {
      ...input,
      prefs: { ...input.prefs, quietHours: { start: '08:00', end: '11:00' } },
    };
    assert.equal(remindersDue(late, new Date(`${day}T15:30:00Z`)).sendableNow, false);
    assert.equal(inQuietHours('07:59', { start: '21:00', end: '08:00' }), true);
    assert.equal(inQuietHours('08:00', { start: '21:00', end: '08:00' }), false);
  });

  it('speaks Spanish', () => {
    const due = remindersDue({ ...input, language: 'es' }, noon(surgeryDate));
    assert.match(due.items[0]?.text ?? '', /¿Cómo está hoy\?/);
  });

  it('a cadence day test agrees with its steps', () => {
    assert.equal(isCheckinDay(15, defaultReminderSettings.cadence), true);
    assert.equal(isCheckinDay(16, defaultReminderSettings.cadence), false);
    assert.equal(isCheckinDay(85, defaultReminderSettings.cadence), false);
  });
});
