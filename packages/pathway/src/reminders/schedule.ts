import { z } from 'zod';
import { localDate, localWeekdayAndTime } from '../dates/clinic-time.ts';
import { addDays, addOffset, daysBetween, type IsoDate } from '../dates/dates.ts';
import { protocolFor } from '../protocols/protocols.ts';
import type { Source } from '../sources/source.ts';
import type { Surgery } from '../surgery/surgery.ts';

/**
 * Reminders (issue 16): what to remind one patient of on one local day, and whether now is a moment
 * it may be sent. Pure: the moment, the plan facts and the settings are all arguments. The server
 * turns the answer into one bundled message per channel and records each send.
 */

export const reminderChannels = ['email', 'sms', 'push'] as const;
export type ReminderChannel = (typeof reminderChannels)[number];

export type ReminderLanguage = 'en' | 'es';

export type ReminderItemKind =
  | 'checkin'
  | 'questionnaire'
  | 'questionnaire-closing'
  | 'visit'
  | 'visit-book'
  | 'message';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24 h)');

/** One step of the check-in cadence: from the day after the previous step (day 0 for the first) to `untilDay`, every `everyDays`. */
export const cadenceStepSchema = z.strictObject({
  untilDay: z.number().int().min(0).max(730),
  everyDays: z.number().int().min(1).max(60),
});
export type CadenceStep = z.output<typeof cadenceStepSchema>;

export const quietHoursSchema = z.strictObject({ start: clockTime, end: clockTime });
export type QuietHours = z.output<typeof quietHoursSchema>;

/** What a clinic can tune; every field has a default. */
export const reminderSettingsSchema = z
  .strictObject({
    cadence: z
      .array(cadenceStepSchema)
      .max(12)
      .refine(
        (steps) => steps.every((s, i) => i === 0 || s.untilDay > (steps[i - 1]?.untilDay ?? -1)),
        'each step must end after the one before',
      ),
    quietHours: quietHoursSchema,
    /** The earliest local time a day's reminder goes out (it waits for quiet hours to end as well). */
    sendAfter: clockTime,
    /** Days in a row without a check-in that put a patient on the "not heard from" worklist… */
    missedDaysForWorklist: z.number().int().min(1).max(14),
    /** …while the patient is within this many days of surgery. */
    worklistUntilDay: z.number().int().min(1).max(365),
  })
  .refine((s) => s.worklistUntilDay > s.missedDaysForWorklist, {
    message: 'must be more than missedDaysForWorklist (or nobody is ever listed)',
    path: ['worklistUntilDay'],
  });
export type ReminderSettings = z.output<typeof reminderSettingsSchema>;

/**
 * Lamina's default, thinning as recovery goes on: daily to week 2 (the wound is checked every day
 * early on, seed:000), every 2 days to week 6, weekly to week 12, then only questionnaires and
 * visits. ⚠️ The thinning itself is the team's choice; no source gives a cadence.
 */
export const defaultReminderSettings: ReminderSettings = {
  cadence: [
    { untilDay: 14, everyDays: 1 },
    { untilDay: 42, everyDays: 2 },
    { untilDay: 84, everyDays: 7 },
  ],
  quietHours: { start: '21:00', end: '08:00' },
  sendAfter: '09:00',
  missedDaysForWorklist: 2,
  worklistUntilDay: 14,
};

export const reminderCadenceSources: readonly Source[] = ['seed:000', 'team'];

/** The patient's own choices (the app's reminder settings). */
export const reminderPrefsSchema = z.strictObject({
  channels: z.array(z.enum(reminderChannels)).max(3),
  paused: z.boolean(),
  quietHours: quietHoursSchema.nullable(),
});
export type ReminderPrefs = z.output<typeof reminderPrefsSchema>;

export const defaultReminderPrefs: ReminderPrefs = {
  channels: ['email', 'push'],
  paused: false,
  quietHours: null,
};

export interface ReminderFollowUp {
  readonly id: string;
  readonly title: string;
  /** The booked date, or the protocol's estimate. */
  readonly date: IsoDate;
  readonly booked: boolean;
}

export interface ReminderQuestionnaire {
  readonly timepoint: string;
  readonly opens: IsoDate;
  readonly closes: IsoDate;
  /** True when every instrument the patient answers for this time point is done. */
  readonly complete: boolean;
}

export interface ReminderInput {
  /** Null: no surgery on record. */
  readonly surgery: { readonly surgeryDate: IsoDate; readonly cancelled: boolean } | null;
  readonly questionnaires: readonly ReminderQuestionnaire[];
  readonly followUps: readonly ReminderFollowUp[];
  readonly unreadMessages: number;
  /** The patient's last check-in day, on their calendar; null: never. */
  readonly lastCheckinOn: IsoDate | null;
  readonly prefs: ReminderPrefs;
  readonly settings: ReminderSettings;
  readonly timeZone: string;
  readonly language: ReminderLanguage;
}

export interface ReminderItem {
  readonly kind: ReminderItemKind;
  /** What this reminder comes from (questionnaire time point, visit id, …), for the send record. */
  readonly ref: string;
  readonly text: string;
  readonly sources: readonly Source[];
}

export interface ReminderDay {
  readonly localDate: IsoDate;
  readonly dayOfRecovery: number | null;
  readonly items: readonly ReminderItem[];
  /** Whether the local time now is outside quiet hours and after the send time. */
  readonly sendableNow: boolean;
  /** Why nothing is due today, when nothing is. */
  readonly reason:
    | 'due'
    | 'nothing-due'
    | 'paused'
    | 'surgery-cancelled'
    | 'no-surgery'
    | 'no-channels';
  readonly channels: readonly ReminderChannel[];
}

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** True when `time` (HH:MM) falls in quiet hours; a window like 21:00–08:00 wraps past midnight. */
export function inQuietHours(time: string, quiet: QuietHours): boolean {
  const t = minutes(time);
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return false;
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/** Whether day `day` since surgery is a check-in prompt day under `cadence`. */
export function isCheckinDay(day: number, cadence: readonly CadenceStep[]): boolean {
  if (day < 0) return false;
  let stepStart = 0;
  for (const step of cadence) {
    if (day <= step.untilDay) return (day - stepStart) % step.everyDays === 0;
    stepStart = step.untilDay + 1;
  }
  return false;
}

const texts: Readonly<Record<ReminderLanguage, Record<string, string>>> = {
  en: {
    checkin: 'How are you today? Your daily check-in takes about a minute.',
    questionnaire: 'A short questionnaire about your recovery is ready ({label}).',
    'questionnaire-closing':
      'Your questionnaire ({label}) closes on {date}. It takes a few minutes.',
    visit: 'Your follow-up visit ({label}) is on {date}.',
    'visit-book': 'It is time to book your follow-up visit ({label}), around {date}.',
    message: 'You have a new message from your care team.',
  },
  es: {
    checkin: '¿Cómo está hoy? Su registro diario toma cerca de un minuto.',
    questionnaire: 'Hay un cuestionario corto sobre su recuperación ({label}).',
    'questionnaire-closing': 'Su cuestionario ({label}) cierra el {date}. Toma unos pocos minutos.',
    visit: 'Su cita de control ({label}) es el {date}.',
    'visit-book': 'Es hora de pedir su cita de control ({label}), cerca del {date}.',
    message: 'Tiene un mensaje nuevo de su equipo de atención.',
  },
};

const timepointLabels: Readonly<Record<ReminderLanguage, Record<string, string>>> = {
  en: {
    baseline: 'before surgery',
    '6-weeks': '6 weeks',
    '3-months': '3 months',
    '6-months': '6 months',
    '12-months': '1 year',
    '24-months': '2 years',
  },
  es: {
    baseline: 'antes de la cirugía',
    '6-weeks': '6 semanas',
    '3-months': '3 meses',
    '6-months': '6 meses',
    '12-months': '1 año',
    '24-months': '2 años',
  },
};

const visitLabels: Readonly<Record<ReminderLanguage, Record<string, string>>> = {
  en: {
    'visit-wound-check': 'wound check',
    'visit-6-weeks': '6 weeks',
    'visit-3-months': '3 months',
    'visit-6-months': '6 months',
    'visit-12-months': '1 year',
  },
  es: {
    'visit-wound-check': 'revisión de la herida',
    'visit-6-weeks': '6 semanas',
    'visit-3-months': '3 meses',
    'visit-6-months': '6 meses',
    'visit-12-months': '1 año',
  },
};

/** Reminder wording in the patient's language (the server's email/SMS/push bodies use it). */
export function reminderText(
  language: ReminderLanguage,
  kind: ReminderItemKind,
  values: { label?: string; date?: string } = {},
): string {
  return texts[language][kind]
    ?.replace('{label}', values.label ?? '')
    .replace('{date}', values.date ?? '') as string;
}

/** The bundle's subject line and its call to action, in the patient's language. */
export const reminderFrame: Readonly<
  Record<ReminderLanguage, { subject: string; open: string; stop: string }>
> = {
  en: {
    subject: 'Lamina: your reminders for today',
    open: 'Open Lamina',
    stop: 'Stop these reminders',
  },
  es: {
    subject: 'Lamina: sus recordatorios de hoy',
    open: 'Abrir Lamina',
    stop: 'No recibir más estos recordatorios',
  },
};

/** Days before the end of a questionnaire window for the second (last) reminder. */
export const questionnaireClosingDays = 3;
/** Days before an estimated visit date for "time to book". */
export const visitBookDays = 14;

/**
 * The reminders due for one patient on the local day of `now`, and whether `now` may carry them.
 * A cancelled surgery, a pause or no channel means nothing is due.
 */
export function remindersDue(input: ReminderInput, now: Date): ReminderDay {
  const today = localDate(input.timeZone, now);
  const { time } = localWeekdayAndTime(input.timeZone, now);
  const quiet = input.prefs.quietHours ?? input.settings.quietHours;
  const sendableNow =
    !inQuietHours(time, quiet) &&
    !inQuietHours(time, input.settings.quietHours) &&
    minutes(time) >= minutes(input.settings.sendAfter);
  const channels = input.prefs.channels;
  const base = { localDate: today, sendableNow, channels };
  if (!input.surgery) return { ...base, dayOfRecovery: null, items: [], reason: 'no-surgery' };
  const day = daysBetween(input.surgery.surgeryDate, today);
  if (input.surgery.cancelled)
    return { ...base, dayOfRecovery: day, items: [], reason: 'surgery-cancelled' };
  if (input.prefs.paused) return { ...base, dayOfRecovery: day, items: [], reason: 'paused' };
  if (channels.length === 0)
    return { ...base, dayOfRecovery: day, items: [], reason: 'no-channels' };

  const lang = input.language;
  const items: ReminderItem[] = [];
  if (isCheckinDay(day, input.settings.cadence) && input.lastCheckinOn !== today) {
    items.push({
      kind: 'checkin',
      ref: `day-${day}`,
      text: reminderText(lang, 'checkin'),
      sources: reminderCadenceSources,
    });
  }
  for (const q of input.questionnaires) {
    if (q.complete) continue;
    const label = timepointLabels[lang][q.timepoint] ?? q.timepoint;
    const closing = addDays(q.closes, -questionnaireClosingDays);
    if (today === q.opens) {
      items.push({
        kind: 'questionnaire',
        ref: q.timepoint,
        text: reminderText(lang, 'questionnaire', { label }),
        sources: ['ref:70', 'team'],
      });
    } else if (today === (closing > q.opens ? closing : q.closes)) {
      items.push({
        kind: 'questionnaire-closing',
        ref: q.timepoint,
        text: reminderText(lang, 'questionnaire-closing', { label, date: q.closes }),
        sources: ['ref:70', 'team'],
      });
    }
  }
  for (const v of input.followUps) {
    const label = visitLabels[lang][v.id] ?? v.title;
    if (v.booked && today === addDays(v.date, -1)) {
      items.push({
        kind: 'visit',
        ref: v.id,
        text: reminderText(lang, 'visit', { label, date: v.date }),
        sources: ['surgeon'],
      });
    } else if (!v.booked && today === addDays(v.date, -visitBookDays)) {
      items.push({
        kind: 'visit-book',
        ref: v.id,
        text: reminderText(lang, 'visit-book', { label, date: v.date }),
        sources: ['team'],
      });
    }
  }
  if (input.unreadMessages > 0) {
    items.push({
      kind: 'message',
      ref: 'unread',
      text: reminderText(lang, 'message'),
      sources: ['team'],
    });
  }
  return {
    ...base,
    dayOfRecovery: day,
    items,
    reason: items.length > 0 ? 'due' : 'nothing-due',
  };
}

/**
 * The follow-up visits a reminder needs, without building the whole plan: the protocol's visits
 * placed from the surgery date, a booked date (the team's override) taking the estimate's place.
 */
export function reminderFollowUps(
  surgery: Pick<Surgery, 'region' | 'procedure' | 'surgeryDate'>,
  overrides: { readonly [id: string]: { readonly date?: IsoDate | undefined } | undefined } = {},
): ReminderFollowUp[] {
  return protocolFor(surgery).followUps.map((visit) => {
    const booked = overrides[visit.id]?.date;
    return {
      id: visit.id,
      title: visit.title,
      date: booked ?? addOffset(surgery.surgeryDate, visit.at),
      booked: booked !== undefined,
    };
  });
}
