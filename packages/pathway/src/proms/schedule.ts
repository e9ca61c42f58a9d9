import { addDays, addOffset, type IsoDate, type Offset } from '../dates/dates.ts';
import type { Statement } from '../sources/source.ts';
import type { Region, Surgery } from '../surgery/surgery.ts';
import type { PromInstrumentId, PromLicence } from './instrument.ts';
import { isPromInstrumentEnabled, promInstruments } from './registry.ts';

/**
 * When outcome questionnaires are collected: baseline before surgery, then 6 weeks, 3, 6, 12 and
 * 24 months (ref:69, ref:70, ref:66, ref:67). ⚠️ No source gives collection windows; ours keep
 * neighbouring windows apart and widen with distance from surgery.
 */
export const promTimepointIds = [
  'baseline',
  '6-weeks',
  '3-months',
  '6-months',
  '12-months',
  '24-months',
] as const;
export type PromTimepointId = (typeof promTimepointIds)[number];

export interface PromTimepoint {
  readonly id: PromTimepointId;
  readonly label: string;
  /** Target day, counted from the day of surgery. */
  readonly target: Offset;
  /** The window opens this many days before the target and closes this many days after it. */
  readonly opensDaysBefore: number;
  readonly closesDaysAfter: number;
  readonly statement: Statement;
}

const windowSources = ['ref:65', 'ref:66', 'ref:67', 'ref:69', 'ref:70'] as const;

/** A time point after surgery: its window in days around the target, and "About <label>." as its statement. */
function afterSurgery(
  id: PromTimepointId,
  label: string,
  target: Offset,
  [opensDaysBefore, closesDaysAfter]: readonly [number, number],
  sources: Statement['sources'],
): PromTimepoint {
  return {
    id,
    label,
    target,
    opensDaysBefore,
    closesDaysAfter,
    statement: { id: `proms.timepoint.${id}`, text: `About ${label}.`, sources },
  };
}

export const promTimepoints: readonly PromTimepoint[] = [
  {
    id: 'baseline',
    label: 'Before surgery',
    target: { days: 0 },
    // Answers must describe life before the operation, so the window shuts on the day of surgery.
    opensDaysBefore: 60,
    closesDaysAfter: 0,
    statement: {
      id: 'proms.timepoint.baseline',
      text: 'Before surgery: these answers show where you started, so later answers can show how much you changed.',
      sources: ['ref:65', 'ref:66', 'ref:67'],
    },
  },
  afterSurgery('6-weeks', '6 weeks after surgery', { weeks: 6 }, [7, 14], ['ref:70']),
  afterSurgery(
    '3-months',
    '3 months after surgery',
    { months: 3 },
    [14, 30],
    ['ref:66', 'ref:67', 'ref:69', 'ref:70'],
  ),
  afterSurgery('6-months', '6 months after surgery', { months: 6 }, [30, 30], ['ref:70']),
  afterSurgery(
    '12-months',
    '1 year after surgery',
    { months: 12 },
    [30, 60],
    ['ref:66', 'ref:67', 'ref:69'],
  ),
  afterSurgery(
    '24-months',
    '2 years after surgery',
    { months: 24 },
    [60, 90],
    ['ref:68', 'ref:69'],
  ),
];

export const promScheduleNote: Statement = {
  id: 'proms.schedule.windows',
  text: 'The collection windows are Lamina’s choice; the registries give the time points but not how early or late an answer still counts.',
  sources: [...windowSources],
  uncertain: true,
};

/** The instrument set per region (lumbar: ODI, ZCQ and back/leg pain; cervical: NDI, mJOA and neck/arm pain; both: work and medicine). */
export const promInstrumentSets: Readonly<Record<Region, readonly PromInstrumentId[]>> = {
  lumbar: ['nrs-back-leg', 'odi', 'zcq', 'work-status', 'pain-medication'],
  cervical: ['nrs-neck-arm', 'ndi', 'mjoa', 'work-status', 'pain-medication'],
};

export interface PromResponseRecord {
  readonly instrument: PromInstrumentId;
  readonly completedOn: IsoDate;
}

export type PromWindowStatus = 'upcoming' | 'due' | 'overdue' | 'missed' | 'complete';

export interface PromInstrumentDue {
  readonly instrument: PromInstrumentId;
  readonly respondent: 'patient' | 'clinician';
  readonly status: PromWindowStatus;
  readonly completedOn?: IsoDate;
}

export interface PromTimepointDue {
  readonly timepoint: PromTimepointId;
  readonly label: string;
  readonly target: IsoDate;
  readonly opens: IsoDate;
  readonly closes: IsoDate;
  readonly status: PromWindowStatus;
  readonly instruments: readonly PromInstrumentDue[];
}

export interface PromsDueReport {
  readonly region: Region;
  readonly surgeryDate: IsoDate;
  readonly today: IsoDate;
  readonly timepoints: readonly PromTimepointDue[];
  /** Open now and not done: what to send the patient (or the clinician, for mJOA). */
  readonly dueNow: readonly {
    readonly timepoint: PromTimepointId;
    readonly instrument: PromInstrumentId;
    readonly status: 'due' | 'overdue';
  }[];
  readonly disabledInstruments: readonly {
    readonly instrument: PromInstrumentId;
    readonly reason: 'licence-not-confirmed';
    readonly licence: PromLicence;
  }[];
  readonly note: Statement;
}

export function promWindow(surgeryDate: IsoDate, timepoint: PromTimepoint) {
  const target = addOffset(surgeryDate, timepoint.target);
  return {
    target,
    opens: addDays(target, -timepoint.opensDaysBefore),
    closes: addDays(target, timepoint.closesDaysAfter),
  };
}

function timeStatus(
  today: IsoDate,
  w: { target: IsoDate; opens: IsoDate; closes: IsoDate },
): Exclude<PromWindowStatus, 'complete'> {
  // ISO dates compare correctly as strings.
  if (today < w.opens) return 'upcoming';
  if (today <= w.target) return 'due';
  if (today <= w.closes) return 'overdue';
  return 'missed';
}

export interface PromsDueOptions {
  readonly licensedInstruments?: readonly string[];
}

/** What is due, overdue or missed on `today`. A response counts for a time point when it falls inside that window. */
export function promsDue(
  surgery: Pick<Surgery, 'region' | 'surgeryDate'>,
  responses: readonly PromResponseRecord[],
  today: IsoDate,
  options: PromsDueOptions = {},
): PromsDueReport {
  const set = promInstrumentSets[surgery.region];
  const enabled = set.filter((id) => isPromInstrumentEnabled(id, options.licensedInstruments));
  const timepoints = promTimepoints.map((timepoint): PromTimepointDue => {
    const window = promWindow(surgery.surgeryDate, timepoint);
    const status = timeStatus(today, window);
    const instruments = enabled.map((instrument): PromInstrumentDue => {
      const done = responses
        .filter(
          (r) =>
            r.instrument === instrument &&
            r.completedOn >= window.opens &&
            r.completedOn <= window.closes,
        )
        .map((r) => r.completedOn)
        .sort()[0];
      const respondent = promInstruments[instrument].respondent;
      return done
        ? { instrument, respondent, status: 'complete', completedOn: done }
        : { instrument, respondent, status };
    });
    const allDone = instruments.every((i) => i.status === 'complete');
    return {
      timepoint: timepoint.id,
      label: timepoint.label,
      ...window,
      status: allDone ? 'complete' : status,
      instruments,
    };
  });
  const dueNow = timepoints.flatMap((t) =>
    t.instruments.flatMap((i) =>
      i.status === 'due' || i.status === 'overdue'
        ? [{ timepoint: t.timepoint, instrument: i.instrument, status: i.status }]
        : [],
    ),
  );
  return {
    region: surgery.region,
    surgeryDate: surgery.surgeryDate,
    today,
    timepoints,
    dueNow,
    disabledInstruments: set
      .filter((id) => !enabled.includes(id))
      .map((instrument) => ({
        instrument,
        reason: 'licence-not-confirmed' as const,
        licence: promInstruments[instrument].licence,
      })),
    note: promScheduleNote,
  };
}
