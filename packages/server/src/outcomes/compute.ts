import {
  classifyPromChange,
  daysBetween,
  type IsoDate,
  type PromInstrumentId,
  type PromResponseRecord,
  type PromTimepointId,
  promsDue,
  promTimepoints,
  promWindow,
  type Region,
} from '@lamina/pathway';

/** One patient as the outcome report sees them: their surgery, PROM scores and alerts. */
export interface OutcomePatient {
  region: Region;
  procedure: string;
  surgeryDate: IsoDate;
  responses: (PromResponseRecord & { scales: Record<string, number> })[];
  alerts: { level: string; createdAt: Date; acknowledgedAt: Date | null; overdue: boolean }[];
}

/** The scale whose change counts as "meaningful improvement": leg or arm pain (the reason for decompression). */
const primaryScale: Readonly<Record<Region, { instrument: PromInstrumentId; scale: string }>> = {
  lumbar: { instrument: 'nrs-back-leg', scale: 'limb' },
  cervical: { instrument: 'nrs-neck-arm', scale: 'limb' },
};
const mcidTimepoints: readonly PromTimepointId[] = ['6-weeks', '3-months', '12-months'];
const levels = ['emergency', 'urgent', 'contact'] as const;

export interface OutcomeGroup {
  region: Region;
  procedure: string;
  patients: number;
  /** Per time point: windows that have opened, and how many of those were completed. */
  promCompletion: {
    timepoint: PromTimepointId;
    opened: number;
    completed: number;
    rate: number | null;
  }[];
  /** Share of patients with a baseline and a follow-up whose leg/arm pain improved by at least the MCID. */
  mcid: {
    timepoint: PromTimepointId;
    measured: number;
    improved: number;
    share: number | null;
    instrument: string;
    scale: string;
  }[];
  patientWeeks: number;
  alertsPer100PatientWeeks: Record<(typeof levels)[number], number | null>;
  medianMinutesToAcknowledge: Record<(typeof levels)[number], number | null>;
  overdue: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Clinic outcome figures by region and procedure. Pure: the caller loads the rows and passes `today`. */
export function outcomeReport(
  patients: readonly OutcomePatient[],
  today: IsoDate,
  licensedInstruments: readonly string[],
): OutcomeGroup[] {
  const groups = new Map<string, OutcomePatient[]>();
  for (const patient of patients) {
    const key = `${patient.region}|${patient.procedure}`;
    groups.set(key, [...(groups.get(key) ?? []), patient]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, members]) => {
      const [region, procedure] = key.split('|') as [Region, string];
      const completion = new Map<PromTimepointId, { opened: number; completed: number }>();
      const mcid = new Map<PromTimepointId, { measured: number; improved: number }>();
      let patientWeeks = 0;
      const alertCounts = { emergency: 0, urgent: 0, contact: 0 };
      const ackMinutes: Record<(typeof levels)[number], number[]> = {
        emergency: [],
        urgent: [],
        contact: [],
      };
      let overdue = 0;
      const primary = primaryScale[region];

      for (const patient of members) {
        const report = promsDue(patient, patient.responses, today, { licensedInstruments });
        for (const timepoint of report.timepoints) {
          if (timepoint.status === 'upcoming') continue;
          const entry = completion.get(timepoint.timepoint) ?? { opened: 0, completed: 0 };
          entry.opened++;
          if (timepoint.status === 'complete') entry.completed++;
          completion.set(timepoint.timepoint, entry);
        }
        const scoreIn = (timepointId: PromTimepointId) => {
          const timepoint = promTimepoints.find((t) => t.id === timepointId);
          if (!timepoint) return undefined;
          const window = promWindow(patient.surgeryDate, timepoint);
          return patient.responses
            .filter(
              (r) =>
                r.instrument === primary.instrument &&
                r.completedOn >= window.opens &&
                r.completedOn <= window.closes,
            )
            .sort((a, b) => a.completedOn.localeCompare(b.completedOn))[0]?.scales[primary.scale];
        };
        const baseline = scoreIn('baseline');
        for (const timepointId of mcidTimepoints) {
          const followUp = scoreIn(timepointId);
          if (baseline === undefined || followUp === undefined) continue;
          const entry = mcid.get(timepointId) ?? { measured: 0, improved: 0 };
          entry.measured++;
          if (
            classifyPromChange(primary.instrument, primary.scale, baseline, followUp)
              .classification === 'improved'
          )
            entry.improved++;
          mcid.set(timepointId, entry);
        }
        patientWeeks += Math.max(0, daysBetween(patient.surgeryDate, today)) / 7;
        for (const alert of patient.alerts) {
          const level = alert.level as (typeof levels)[number];
          if (!(level in alertCounts)) continue;
          alertCounts[level]++;
          if (alert.acknowledgedAt)
            ackMinutes[level].push(
              (alert.acknowledgedAt.getTime() - alert.createdAt.getTime()) / 60_000,
            );
          if (alert.overdue) overdue++;
        }
      }
      const per100 = (count: number) =>
        patientWeeks > 0 ? round((count / patientWeeks) * 100, 2) : null;
      return {
        region,
        procedure,
        patients: members.length,
        promCompletion: promTimepoints.map((t) => {
          const entry = completion.get(t.id) ?? { opened: 0, completed: 0 };
          return {
            timepoint: t.id,
            ...entry,
            rate: entry.opened > 0 ? round(entry.completed / entry.opened, 3) : null,
          };
        }),
        mcid: mcidTimepoints.map((timepoint) => {
          const entry = mcid.get(timepoint) ?? { measured: 0, improved: 0 };
          return {
            timepoint,
            ...entry,
            share: entry.measured > 0 ? round(entry.improved / entry.measured, 3) : null,
            ...primary,
          };
        }),
        patientWeeks: round(patientWeeks, 1),
        alertsPer100PatientWeeks: {
          emergency: per100(alertCounts.emergency),
          urgent: per100(alertCounts.urgent),
          contact: per100(alertCounts.contact),
        },
        medianMinutesToAcknowledge: {
          emergency: median(ackMinutes.emergency),
          urgent: median(ackMinutes.urgent),
          contact: median(ackMinutes.contact),
        },
        overdue,
      };
    });
}

/** The report as CSV: one row per group and figure, so a spreadsheet can pivot it. */
export function outcomeCsv(groups: readonly OutcomeGroup[]): string {
  const rows: (string | number | null)[][] = [
    ['region', 'procedure', 'measure', 'timepoint_or_level', 'value', 'numerator', 'denominator'],
  ];
  for (const g of groups) {
    rows.push([g.region, g.procedure, 'patients', '', g.patients, null, null]);
    for (const c of g.promCompletion)
      rows.push([
        g.region,
        g.procedure,
        'prom_completion_rate',
        c.timepoint,
        c.rate,
        c.completed,
        c.opened,
      ]);
    for (const m of g.mcid)
      rows.push([
        g.region,
        g.procedure,
        `mcid_share_${m.instrument}_${m.scale}`,
        m.timepoint,
        m.share,
        m.improved,
        m.measured,
      ]);
    for (const level of levels) {
      rows.push([
        g.region,
        g.procedure,
        'alerts_per_100_patient_weeks',
        level,
        g.alertsPer100PatientWeeks[level],
        null,
        g.patientWeeks,
      ]);
      rows.push([
        g.region,
        g.procedure,
        'median_minutes_to_acknowledge',
        level,
        g.medianMinutesToAcknowledge[level],
        null,
        null,
      ]);
    }
    rows.push([g.region, g.procedure, 'overdue_alerts', '', g.overdue, null, null]);
  }
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${rows.map((row) => row.map(cell).join(',')).join('\n')}\n`;
}
